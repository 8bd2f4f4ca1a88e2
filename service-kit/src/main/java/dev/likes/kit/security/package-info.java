/**
 * Bearer-token rules: the HS256 decoder and its secret, {@link dev.likes.kit.security.CurrentUser}, and the 401/403
 * answers as problem+json, and a start-up warning for every secret still at its public development default. Which
 * paths need a token stays each service's own {@code SecurityFilterChain}.
 */
package dev.likes.kit.security;
