package dev.likes.likeapi.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.likes.testsupport.LikesIntegrationTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.coyote.AbstractProtocol;
import org.apache.tomcat.util.collections.SynchronizedStack;
import org.apache.tomcat.util.net.NioEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * What a crowd of streams leaves behind once it is gone. Tomcat caches closed connections' channels for reuse, and a
 * cached channel still references the last processor that read from it with all its buffers (about 100 KB): with the
 * default cache, 2,000 closed streams kept 200 MB of heap for good.
 */
@LikesIntegrationTest
@TestPropertySource(properties = {"likes.stream.keep-alive=300ms", "likes.stream.cached-connections=10"})
class StreamConnectionMemoryIT {

    private static final int CACHED = 10; // as configured above
    private static final int STREAMS = 40;

    @LocalServerPort
    int port;

    @Autowired
    CountStreams streams;

    @Autowired
    ServletWebServerApplicationContext context;

    @Test
    void closedStreamsLeaveAtMostTheCachedChannelsBehind() throws Exception {
        NioEndpoint endpoint = endpoint();
        long connectionsBefore = endpoint.getConnectionCount();
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS; i++) {
                clients.add(openStream());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> streams.openStreams() >= STREAMS);
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
        // A vanished client is noticed at its next keep-alive, whose write fails.
        await().atMost(Duration.ofSeconds(30)).until(() -> streams.openStreams() == 0);
        // The container closes each connection (and offers its channel to the cache) after the stream let go of it.
        await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.getConnectionCount() <= connectionsBefore);

        assertThat(drainCachedChannels(endpoint)).isLessThanOrEqualTo(CACHED);
    }

    private Socket openStream() throws Exception {
        var socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /like/stream?postIds=memory-post HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Accept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] status = in.readNBytes(12);
        assertThat(new String(status, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        return socket;
    }

    private NioEndpoint endpoint() throws Exception {
        var connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        Method endpointOf = AbstractProtocol.class.getDeclaredMethod("getEndpoint");
        endpointOf.setAccessible(true);
        return (NioEndpoint) endpointOf.invoke(connector.getProtocolHandler());
    }

    /** Tomcat has no public view of its channel cache: reach it the way the endpoint does, and count by emptying it. */
    private static int drainCachedChannels(NioEndpoint endpoint) throws Exception {
        Method channelsOf = NioEndpoint.class.getDeclaredMethod("getNioChannels");
        channelsOf.setAccessible(true);
        var channels = (SynchronizedStack<?>) channelsOf.invoke(endpoint);
        int cached = 0;
        while (channels.pop() != null) {
            cached++;
        }
        return cached;
    }
}
