package dev.likes.counts.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param username the operator's user name for HTTP Basic on {@code /ops/**}
 * @param password the operator's password ({@code LIKES_OPERATOR_PASSWORD}); blank disables the operator endpoints
 */
@ConfigurationProperties("likes.ops")
record OpsProperties(@DefaultValue("operator") String username, @DefaultValue("") String password) {

    boolean enabled() {
        return password != null && !password.isBlank();
    }
}
