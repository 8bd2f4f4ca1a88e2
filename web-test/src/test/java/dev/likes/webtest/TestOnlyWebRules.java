package dev.likes.webtest;

/**
 * What production gets from the kit's web rules (the CORS allow-list, the Content-Security-Policy), given here to the
 * services under test as bean definitions in XML: a service runs from its own jar and class loader, so a test can add
 * beans to it only as text ({@code spring.main.sources}). The policy is as strict as production's: the page must
 * load and work under it, or Chromium logs a violation and the test fails.
 */
final class TestOnlyWebRules {

    private TestOnlyWebRules() {}

    /** A strict Content-Security-Policy on every answer of the like API; the page may connect to itself and to the bell. */
    static String pagePolicy(String notificationsUrl) {
        String policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self' " + notificationsUrl + "; object-src 'none'; base-uri 'none';"
                + " frame-ancestors 'none'; form-action 'self'";
        return beans(
                """
                <bean class="org.springframework.boot.web.servlet.FilterRegistrationBean">
                  <property name="order" value="-2147483648"/>
                  <property name="filter">
                    <bean class="org.springframework.security.web.header.HeaderWriterFilter">
                      <constructor-arg>
                        <list>
                          <bean class="org.springframework.security.web.header.writers.StaticHeadersWriter">
                            <constructor-arg index="0" value="Content-Security-Policy"/>
                            <constructor-arg index="1"><array><value>%s</value></array></constructor-arg>
                          </bean>
                        </list>
                      </constructor-arg>
                      <property name="shouldWriteHeadersEagerly" value="true"/>
                    </bean>
                  </property>
                </bean>
                """
                        .formatted(policy));
    }

    /** Lets the page's origin call a service with a bearer token. */
    static String corsFor(String origin) {
        return beans(
                """
                <bean class="org.springframework.boot.web.servlet.FilterRegistrationBean">
                  <property name="order" value="-2147483648"/>
                  <property name="filter">
                    <bean class="org.springframework.web.filter.CorsFilter">
                      <constructor-arg>
                        <bean class="org.springframework.web.cors.UrlBasedCorsConfigurationSource">
                          <property name="corsConfigurations">
                            <map>
                              <entry key="/**">
                                <bean class="org.springframework.web.cors.CorsConfiguration">
                                  <property name="allowedOrigins"><list><value>%s</value></list></property>
                                  <property name="allowedMethods"><list><value>GET</value><value>POST</value></list></property>
                                  <property name="allowedHeaders"><list><value>Authorization</value><value>Content-Type</value></list></property>
                                </bean>
                              </entry>
                            </map>
                          </property>
                        </bean>
                      </constructor-arg>
                    </bean>
                  </property>
                </bean>
                """
                        .formatted(origin));
    }

    private static String beans(String definitions) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <beans xmlns="http://www.springframework.org/schema/beans"
                       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                       xsi:schemaLocation="http://www.springframework.org/schema/beans
                                           https://www.springframework.org/schema/beans/spring-beans.xsd">
                %s
                </beans>
                """
                .formatted(definitions);
    }
}
