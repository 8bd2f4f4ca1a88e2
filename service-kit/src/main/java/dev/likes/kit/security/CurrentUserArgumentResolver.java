package dev.likes.kit.security;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.jwt.JwtClaimAccessor;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a {@link CurrentUser} parameter the {@code sub} of the request's token, or {@code null} without one. Read
 * directly rather than through {@code @AuthenticationPrincipal(expression = "subject")}: Spring Security's resolver
 * parses its SpEL expression again on every call, which was 6 % of like-api's CPU per like.
 */
final class CurrentUserArgumentResolver implements HandlerMethodArgumentResolver {

    private final SecurityContextHolderStrategy securityContext = SecurityContextHolder.getContextHolderStrategy();

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(CurrentUser.class);
    }

    @Override
    public String resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        Authentication authentication = securityContext.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof JwtClaimAccessor token) {
            return token.getSubject();
        }
        return null;
    }
}
