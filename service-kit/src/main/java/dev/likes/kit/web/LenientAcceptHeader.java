package dev.likes.kit.web;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * An {@code Accept} header that cannot be parsed counts as "anything": with Spring MVC's strict reading, even the
 * problem explaining the error could not be written, and the client got an empty answer.
 */
class LenientAcceptHeader implements WebMvcConfigurer {

    @Override
    public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
        // Not a bean itself: Spring Security wants exactly one ContentNegotiationStrategy bean, Spring MVC's manager.
        configurer.strategies(List.of(new Strategy()));
    }

    private static final class Strategy implements ContentNegotiationStrategy {

        private final HeaderContentNegotiationStrategy header = new HeaderContentNegotiationStrategy();

        @Override
        public List<MediaType> resolveMediaTypes(NativeWebRequest request) {
            try {
                return header.resolveMediaTypes(request);
            } catch (HttpMediaTypeNotAcceptableException e) {
                return MEDIA_TYPE_ALL_LIST;
            }
        }
    }
}
