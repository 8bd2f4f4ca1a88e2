package dev.likes.likeapi.stream;

import dev.likes.events.CountUpdate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A minimal Server-Sent Events reader for tests: collects the {@code count} events of one stream. */
final class SseClient implements AutoCloseable {

    private final HttpResponse<Stream<String>> response;
    private final List<CountUpdate> counts = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final List<Long> retries = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    static SseClient open(int port, String query) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/like/stream?" + query))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10))
                .build();
        var response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .get(10, TimeUnit.SECONDS);
        return new SseClient(response);
    }

    int status() {
        return response.statusCode();
    }

    HttpResponse<Stream<String>> response() {
        return response;
    }

    List<CountUpdate> counts() {
        return counts;
    }

    List<CountUpdate> countsOf(String postId) {
        return counts.stream().filter(c -> c.postId().equals(postId)).toList();
    }

    List<String> comments() {
        return comments;
    }

    /** Whether the server has ended the stream (the response body ran out). */
    boolean ended() {
        return !reader.isAlive();
    }

    /** The {@code retry} fields seen, in milliseconds. */
    List<Long> retries() {
        return retries;
    }

    private void read() {
        String event = "message";
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:") && event.equals("count")) {
                    counts.add(CountUpdate.fromJson(line.substring(5).trim()));
                } else if (line.startsWith("retry:")) {
                    retries.add(Long.parseLong(line.substring(6).trim()));
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else if (line.isEmpty()) {
                    event = "message";
                }
            }
        } catch (RuntimeException e) {
            // Closed by the test.
        }
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
