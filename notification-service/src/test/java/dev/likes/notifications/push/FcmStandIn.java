package dev.likes.notifications.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local stand-in for Google's two endpoints the firebase-admin SDK calls: the OAuth token endpoint (named by the
 * generated service account's {@code token_uri}) and the FCM v1 send endpoint. It records every send and answers
 * from a script, so tests see exactly what the real SDK puts on the wire. Nothing here reaches Google.
 */
public final class FcmStandIn implements AutoCloseable {

    public static final String ACCESS_TOKEN = "stand-in-access-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request the SDK made to the send endpoint. */
    public record Send(String projectId, String authorization, JsonNode message) {

        public String token() {
            return message.path("token").asText(null);
        }

        public String topic() {
            return message.path("topic").asText(null);
        }
    }

    /** A scripted answer. */
    public record Reply(int status, String body) {

        public static Reply ok(String projectId) {
            return new Reply(200, "{\"name\":\"projects/" + projectId + "/messages/" + System.nanoTime() + "\"}");
        }

        public static Reply fcmError(int status, String grpcStatus, String fcmErrorCode) {
            return new Reply(
                    status,
                    """
                    {"error":{"code":%d,"message":"stand-in error","status":"%s","details":[
                      {"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"%s"}]}}
                    """
                            .formatted(status, grpcStatus, fcmErrorCode));
        }

        public static Reply unavailable() {
            return fcmError(503, "UNAVAILABLE", "UNAVAILABLE");
        }

        public static Reply internal() {
            return fcmError(500, "INTERNAL", "INTERNAL");
        }

        public static Reply unregistered() {
            return fcmError(404, "NOT_FOUND", "UNREGISTERED");
        }
    }

    private final HttpServer server;
    private final List<Send> sends = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    private volatile Function<Send, Reply> otherwise = send -> Reply.ok(send.projectId());

    private FcmStandIn(HttpServer server) {
        this.server = server;
    }

    public static FcmStandIn start() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            var standIn = new FcmStandIn(server);
            server.createContext("/token", standIn::token);
            server.createContext("/v1/projects/", standIn::send);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next sends get these answers, in order; after that {@link #otherwise} decides. */
    public void replyNext(Reply... replies) {
        script.addAll(List.of(replies));
    }

    /** How every send is answered once the script is used up; by default 200. */
    public void otherwise(Function<Send, Reply> replier) {
        this.otherwise = replier;
    }

    /** Back to answering 200 to everything, forgetting the script (the recorded sends stay). */
    public void reset() {
        script.clear();
        otherwise = send -> Reply.ok(send.projectId());
    }

    public List<Send> sends() {
        return new ArrayList<>(sends);
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    /**
     * Writes a service-account JSON with a fresh RSA key whose {@code token_uri} is this stand-in, as Google's
     * console would hand one out.
     */
    public Path writeServiceAccount(Path directory, String projectId) {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var key = generator.generateKeyPair().getPrivate();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            var account = Map.of(
                    "type",
                    "service_account",
                    "project_id",
                    projectId,
                    "private_key_id",
                    "stand-in-key",
                    "private_key",
                    pem,
                    "client_email",
                    "push@" + projectId + ".iam.gserviceaccount.com",
                    "client_id",
                    "1",
                    "token_uri",
                    url() + "/token");
            Path file = Files.createTempFile(directory, "service-account", ".json");
            JSON.writeValue(file.toFile(), account);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        tokenRequests.incrementAndGet();
        reply(
                exchange,
                new Reply(
                        200,
                        "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}"));
    }

    private void send(HttpExchange exchange) throws IOException {
        // /v1/projects/{project}/messages:send
        String path = exchange.getRequestURI().getPath();
        String[] parts = path.split("/");
        if (!"POST".equals(exchange.getRequestMethod()) || parts.length != 5 || !"messages:send".equals(parts[4])) {
            reply(exchange, new Reply(404, "{}"));
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        var send = new Send(parts[3], exchange.getRequestHeaders().getFirst("Authorization"), body.path("message"));
        sends.add(send);
        Reply scripted = script.pollFirst();
        reply(exchange, scripted != null ? scripted : otherwise.apply(send));
    }

    private static void reply(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        if (reply.status() == 503) {
            // FCM may say when to come back; "now" keeps the SDK's own 503 retries fast in tests.
            exchange.getResponseHeaders().set("Retry-After", "0");
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
