package dev.likes.kit.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The signed-in user's id: the {@code sub} of the bearer token. The only way a handler learns who acts, so no body
 * or parameter can name another user. {@code null} on a request without a token. Resolved by the kit's
 * {@code CurrentUserArgumentResolver} in every servlet service with bearer tokens.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface CurrentUser {}
