package dev.likes.kit.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Tomcat's own answers as problems: its error report valve (Boot's shows an HTML page without details) is replaced by
 * {@link ProblemErrorReportValve}, and TRACE is let through the connector, whose own refusal has an empty body, to be
 * refused by {@link TraceMethodFilter} as a problem.
 */
@AutoConfiguration(after = {ServletWebServerFactoryAutoConfiguration.class, ProblemDetailsAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({Tomcat.class, ErrorReportValve.class})
public class TomcatProblemsAutoConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return new ProblemErrorReports();
    }

    @Bean
    @ConditionalOnBean(ProblemResponses.class)
    FilterRegistrationBean<TraceMethodFilter> traceMethodFilter(ProblemResponses problems) {
        var registration = new FilterRegistrationBean<>(new TraceMethodFilter(problems));
        // Right after the request's observation starts (so the answer carries its trace id), before anything else.
        registration.setOrder(ProblemDetailsAutoConfiguration.FIRST_FILTER_ORDER);
        return registration;
    }

    static class ProblemErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
            factory.addContextCustomizers(context -> {
                var host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                // The host adds a valve of this class when it starts unless it has one: it finds ours.
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                host.getPipeline().addValve(new ProblemErrorReportValve());
            });
        }

        @Override
        public int getOrder() {
            // After Boot's own Tomcat customizer, which adds its error report valve.
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
