package dev.likes.notifications.push;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param serviceAccountPath the Firebase service-account JSON ({@code FIREBASE_SERVICE_ACCOUNT_PATH}, else
 *     {@code GOOGLE_APPLICATION_CREDENTIALS}); blank turns push off and everything else keeps working
 * @param collapseWindow at most one push per (owner, post) within this window, so a viral post does not buzz a phone
 *     hundreds of times
 * @param fcmUrl where FCM requests go instead of {@code https://fcm.googleapis.com} (a stand-in or emulator); unset in
 *     production
 * @param maxTokensPerUser the most devices one push goes to, newest registrations first
 */
@Validated
@ConfigurationProperties("likes.push")
record PushProperties(
        String serviceAccountPath,
        @DefaultValue("60s") Duration collapseWindow,
        URI fcmUrl,
        @DefaultValue("20") int maxTokensPerUser) {

    boolean credentialsConfigured() {
        return serviceAccountPath != null && !serviceAccountPath.isBlank();
    }
}
