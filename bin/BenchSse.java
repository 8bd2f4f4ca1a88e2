// bin/bench-sse's load and measuring side (java bin/BenchSse.java <baseUrl> <clients> <rate> <seconds> <posts>):
// one JVM holds every stream without a thread per stream (the JDK client's line subscribers), sends likes at the
// rate by fresh users (so each one changes a count), and times probe likes until each stream shows them.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class BenchSse {

    static final Pattern COUNT = Pattern.compile("\"postId\":\"([^\"]+)\",\"count\":(\\d+)");
    static final long[] probeSentNanos = new long[100_000];
    static final List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
    static final AtomicInteger open = new AtomicInteger();
    static final AtomicLong events = new AtomicLong();
    static final AtomicLong likeErrors = new AtomicLong();
    static String secret;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int clients = Integer.parseInt(args[1]);
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int posts = Integer.parseInt(args[4]);
        secret = System.getenv("LIKES_JWT_SECRET");
        String run = Long.toString(System.currentTimeMillis(), 36);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(8))
                .connectTimeout(Duration.ofSeconds(10))
                .build();

        List<String> postIds = new ArrayList<>();
        for (int i = 0; i < posts; i++) postIds.add("sse-" + run + "-" + i);
        String probe = "sse-" + run + "-probe";
        postIds.add(probe);
        for (String postId : postIds) {
            send(http, "POST", base + "/posts", "owner-" + run, "{\"id\":\"" + postId + "\"}").join();
        }

        String streamUrl = base + "/like/stream?postIds=" + String.join(",", postIds);
        for (int c = 0; c < clients; c++) {
            var seen = new AtomicLong(); // the probe count this client has shown so far
            http.sendAsync(
                    HttpRequest.newBuilder(URI.create(streamUrl)).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(new Lines(probe, seen)));
            if (c % 100 == 99) Thread.sleep(50); // do not open them all in one burst
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (open.get() < clients && System.nanoTime() < deadline) Thread.sleep(100);
        System.out.printf("streams_open=%d of %d%n", open.get(), clients);

        var scheduler = Executors.newScheduledThreadPool(2);
        var user = new AtomicLong();
        int perTick = Math.max(1, rate / 100);
        scheduler.scheduleAtFixedRate(() -> {
            for (int i = 0; i < perTick; i++) {
                long n = user.incrementAndGet();
                send(http, "POST", base + "/like/" + postIds.get((int) (n % posts)), "u-" + run + "-" + n, null)
                        .exceptionally(e -> { likeErrors.incrementAndGet(); return null; });
            }
        }, 0, 10, TimeUnit.MILLISECONDS);

        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int probes = 0;
        int probeErrors = 0;
        while (System.nanoTime() < end) {
            int k = probes + 1;
            probeSentNanos[k] = System.nanoTime();
            try {
                send(http, "POST", base + "/like/" + probe, "probe-" + run + "-" + k, null).join();
                probes = k;
            } catch (java.util.concurrent.CompletionException e) {
                // An overloaded machine refuses or times out a probe now and then: count it, keep measuring.
                probeErrors++;
            }
            Thread.sleep(200);
        }
        scheduler.shutdownNow();
        Thread.sleep(3000); // the last probes' events
        List<Long> sorted;
        synchronized (latenciesMicros) {
            sorted = new ArrayList<>(latenciesMicros);
        }
        Collections.sort(sorted);
        long expected = (long) probes * open.get();
        System.out.printf(
                "likes_sent=%d like_errors=%d probes=%d probe_errors=%d events=%d probe_deliveries=%d of %d"
                        + " latency_p50_ms=%.1f latency_p99_ms=%.1f latency_max_ms=%.1f streams_open_at_end=%d%n",
                user.get(), likeErrors.get(), probes, probeErrors, events.get(), sorted.size(), expected,
                percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100), open.get());
        System.exit(0);
    }

    static double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) return Double.NaN;
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1000.0;
    }

    static java.util.concurrent.CompletableFuture<HttpResponse<String>> send(
            HttpClient http, String method, String url, String user, String json) {
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token(user))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            if (r.statusCode() >= 300 && r.statusCode() != 409) throw new IllegalStateException(url + " " + r.statusCode());
            return r;
        });
    }

    static String token(String user) {
        try {
            var b64 = Base64.getUrlEncoder().withoutPadding();
            long now = System.currentTimeMillis() / 1000;
            String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = b64.encodeToString(("{\"sub\":\"" + user + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}")
                    .getBytes(StandardCharsets.UTF_8));
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signature = b64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
            return header + "." + payload + "." + signature;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One stream's lines: counts every event and times the probe likes it shows. */
    static final class Lines implements Flow.Subscriber<String> {
        private final String probe;
        private final AtomicLong seen;

        Lines(String probe, AtomicLong seen) {
            this.probe = probe;
            this.seen = seen;
        }

        @Override public void onSubscribe(Flow.Subscription subscription) {
            open.incrementAndGet();
            subscription.request(Long.MAX_VALUE);
        }

        @Override public void onNext(String line) {
            if (!line.startsWith("data:")) return;
            events.incrementAndGet();
            var m = COUNT.matcher(line);
            if (!m.find() || !m.group(1).equals(probe)) return;
            long count = Long.parseLong(m.group(2));
            long now = System.nanoTime();
            // Coalescing may skip counts: every probe up to this count is visible now.
            for (long k = seen.get() + 1; k <= count && k < probeSentNanos.length; k++) {
                if (probeSentNanos[(int) k] != 0) latenciesMicros.add((now - probeSentNanos[(int) k]) / 1000);
            }
            seen.accumulateAndGet(count, Math::max);
        }

        @Override public void onError(Throwable throwable) {
            open.decrementAndGet();
        }

        @Override public void onComplete() {
            open.decrementAndGet();
        }
    }
}
