package dev.likes.notifications.push;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * @param token the FCM registration token the app got from the Firebase client SDK: printable ASCII, as FCM issues
 *     them (a NUL or a control character could not even be stored: PostgreSQL refuses NUL in text)
 */
record RegisterDeviceRequest(
        @NotBlank @Size(max = 4096) @Pattern(regexp = "[\\x21-\\x7E]+", message = "must be printable ASCII")
                String token) {}
