package dev.likes.notifications.push;

import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.MessagingErrorCode;
import java.io.IOException;

/** How an FCM failure is treated: worth retrying (FCM is struggling) or a verdict on the device token. */
final class FcmErrors {

    private FcmErrors() {}

    /**
     * 5xx, 429 and network failures: FCM or the path to it is struggling, so retry with backoff and let the breaker
     * count them. A 4xx about the message or token is not FCM being down and must not open the breaker.
     */
    static boolean isTransient(Throwable error) {
        if (error instanceof IOException) {
            return true;
        }
        if (!(error instanceof FirebaseMessagingException fcm)) {
            return false;
        }
        var response = fcm.getHttpResponse();
        if (response == null) {
            return fcm.getCause() instanceof IOException;
        }
        int status = response.getStatusCode();
        return status >= 500 || status == 429 || fcm.getMessagingErrorCode() == MessagingErrorCode.QUOTA_EXCEEDED;
    }

    /** UNREGISTERED (the app was removed) or INVALID_ARGUMENT on a token send (not a token FCM ever issued). */
    static boolean isInvalidToken(Throwable error) {
        return error instanceof FirebaseMessagingException fcm
                && (fcm.getMessagingErrorCode() == MessagingErrorCode.UNREGISTERED
                        || fcm.getMessagingErrorCode() == MessagingErrorCode.INVALID_ARGUMENT);
    }
}
