package dev.likes.notifications.push;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The device tokens each user registered; a token belongs to whoever registered it last. */
@Component
class DeviceTokens {

    private final JdbcClient jdbc;

    DeviceTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void register(String userId, String token) {
        jdbc.sql(
                        """
                        INSERT INTO device_tokens (token, user_id, registered_at) VALUES (:token, :userId, now())
                        ON CONFLICT (token) DO UPDATE SET user_id = excluded.user_id, registered_at = excluded.registered_at
                        """)
                .param("token", token)
                .param("userId", userId)
                .update();
    }

    /** Removes the token only if it is the user's own: nobody unregisters someone else's phone. */
    boolean unregister(String userId, String token) {
        return jdbc.sql("DELETE FROM device_tokens WHERE token = :token AND user_id = :userId")
                        .param("token", token)
                        .param("userId", userId)
                        .update()
                == 1;
    }

    /** Forgets a token FCM rejected as unregistered or invalid. */
    boolean forget(String token) {
        return jdbc.sql("DELETE FROM device_tokens WHERE token = :token")
                        .param("token", token)
                        .update()
                == 1;
    }

    List<String> tokensOf(String userId, int limit) {
        return jdbc.sql(
                        "SELECT token FROM device_tokens WHERE user_id = :userId ORDER BY registered_at DESC, token LIMIT :limit")
                .param("userId", userId)
                .param("limit", limit)
                .query(String.class)
                .list();
    }
}
