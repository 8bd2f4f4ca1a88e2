package dev.likes.likeapi.devlogin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** @param user the user name to sign in as; it becomes the token's {@code sub} */
record DevLoginRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}", message = "must be 1 to 64 of A-Z, a-z, 0-9, '_', '.', '-'")
                String user) {}
