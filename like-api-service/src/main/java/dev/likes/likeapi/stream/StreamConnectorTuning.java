package dev.likes.likeapi.stream;

import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat's per-connection memory, sized for thousands of open streams. Each open connection holds its socket buffers,
 * its processor's header and trailer buffers and its request and response buffers; measured with {@code
 * bin/bench-sse}, about 110 KB a stream, and 2,000 streams kept 200 MB of heap after they closed.
 *
 * <ul>
 *   <li>Closed connections' channels are cached for reuse, and a cached channel still references the last processor
 *       that read from it, with all its buffers: by default the cache holds up to 100 MB of socket buffers' worth
 *       (6,400 channels), so a peak of streams stayed in the heap for good. It keeps {@code
 *       likes.stream.cached-connections}, by default as many as Boot keeps idle processors (200).
 *   <li>Socket buffers of 4 KB instead of 8 KB each way: a count event is under 100 bytes and a request's headers are
 *       read whole at any size up to {@code server.max-http-request-header-size}.
 *   <li>A 1 KB buffer for chunked-request trailers, which this API never uses (8 KB allocated per connection).
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class StreamConnectorTuning {

    static final int SOCKET_BUFFER_BYTES = 4096;
    static final int MAX_TRAILER_BYTES = 1024;

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> connectorSizedForStreams(
            CountStreamProperties properties) {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.bufferPool", String.valueOf(properties.cachedConnections()));
            connector.setProperty("socket.appReadBufSize", String.valueOf(SOCKET_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", String.valueOf(SOCKET_BUFFER_BYTES));
            connector.setProperty("maxTrailerSize", String.valueOf(MAX_TRAILER_BYTES));
        });
    }
}
