package dev.likes.notifications.push;

import java.util.Map;

/**
 * One message to one device token or one topic (exactly one of the two is set).
 *
 * @param data key-values the app reads without showing them, e.g. {@code postId}
 */
record PushMessage(String token, String topic, String title, String body, Map<String, String> data) {

    static PushMessage toToken(String token, String title, String body, Map<String, String> data) {
        return new PushMessage(token, null, title, body, data);
    }

    static PushMessage toTopic(String topic, String title, String body, Map<String, String> data) {
        return new PushMessage(null, topic, title, body, data);
    }

    boolean toToken() {
        return token != null;
    }
}
