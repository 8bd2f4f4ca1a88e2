package dev.likes.orchestrator.fanout;

import dev.likes.events.LikeEvent;
import dev.likes.events.LikeEventType;
import dev.likes.events.Topics;
import java.util.List;

/**
 * Which topics one like event goes to. Pure, so the rules are tested without a broker.
 *
 * <table>
 *   <caption>Fan-out</caption>
 *   <tr><th>event</th><th>likes.notify-owner</th><th>likes.push</th><th>likes.feed-boost</th></tr>
 *   <tr><td>LIKED by someone else</td><td>yes</td><td>yes</td><td>yes</td></tr>
 *   <tr><td>UNLIKED by someone else</td><td>yes (retracts)</td><td>no</td><td>yes (lowers)</td></tr>
 *   <tr><td>self-like or self-unlike</td><td>no</td><td>no</td><td>yes</td></tr>
 * </table>
 */
final class FanOutRules {

    private FanOutRules() {}

    /** The route of one event. */
    static Route route(LikeEvent event) {
        if (event.isSelfLike()) {
            // Nobody is told that they liked their own post, but the post still gets (or loses) the boost.
            return new Route(List.of(Topics.FEED_BOOST), true);
        }
        if (event.postOwnerId() == null || event.postOwnerId().isBlank()) {
            // No owner to tell; the boost does not need one.
            return new Route(List.of(Topics.FEED_BOOST), false);
        }
        if (event.type() == LikeEventType.UNLIKED) {
            // The owner's unread notification for this like is retracted; a push cannot be taken back, so none.
            return new Route(List.of(Topics.NOTIFY_OWNER, Topics.FEED_BOOST), false);
        }
        return new Route(List.of(Topics.NOTIFY_OWNER, Topics.PUSH, Topics.FEED_BOOST), false);
    }

    /**
     * @param topics where the event goes, each once
     * @param skippedSelfLike whether notify-owner and push were left out because the actor owns the post
     */
    record Route(List<String> topics, boolean skippedSelfLike) {}
}
