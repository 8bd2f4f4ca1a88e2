package dev.likes.notifications.push;

/** Stands in when no Firebase credentials are configured: the service runs, pushes are counted as disabled. */
class DisabledPushSender implements PushSender {

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public Result send(PushMessage message) {
        return Result.FAILED;
    }
}
