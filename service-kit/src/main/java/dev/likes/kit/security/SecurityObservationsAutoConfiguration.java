package dev.likes.kit.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security's observations switched off where they are made, not filtered afterwards. The kit's defaults turn
 * them off ({@code management.observations.enable.spring.security=false}), but that property only drops each
 * observation once it exists: the filter chain is still wrapped filter by filter, and every request still pays for an
 * observation per filter and a lookup of the property for each. The request's own observation keeps the trace.
 */
@AutoConfiguration
@ConditionalOnClass(SecurityObservationSettings.class)
@ConditionalOnProperty(prefix = "management.observations.enable", name = "spring.security", havingValue = "false")
public class SecurityObservationsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
