package dev.likes.notifications.push;

import jakarta.validation.constraints.Positive;
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
 * @param sendConcurrency how many pushes of one batch (different owners or posts) are sent at once; an FCM request
 *     takes tens of milliseconds, so one at a time caps a catch-up at a few dozen pushes per second per listener
 */
@Validated
@ConfigurationProperties("likes.push")
record PushProperties(
        String serviceAccountPath,
        @DefaultValue("60s") Duration collapseWindow,
        URI fcmUrl,
        @DefaultValue("20") int maxTokensPerUser,
        @DefaultValue("16") @Positive int sendConcurrency) {

    boolean credentialsConfigured() {
        return serviceAccountPath != null && !serviceAccountPath.isBlank();
    }
}
