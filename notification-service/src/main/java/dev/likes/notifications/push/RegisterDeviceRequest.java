package dev.likes.notifications.push;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** @param token the FCM registration token the app got from the Firebase client SDK */
record RegisterDeviceRequest(@NotBlank @Size(max = 4096) String token) {}
