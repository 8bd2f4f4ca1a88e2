// bin/bench-like-open's load side (java bin/BenchOpen.java <baseUrl> <rate> <seconds> <warm-up seconds> <users> <posts>):
// POST /like/{postId} in the open model: likes are due at a fixed rate whatever the answers do, and each one's latency
// runs from when it was due, not from when a free connection sent it, so a stall shows in the percentiles instead of
// slowing the load (no coordinated omission). One light JVM, the JDK's asynchronous client, no thread per request.
// At most MAX_IN_FLIGHT likes are open at once, as a client's connection limit would allow: past that a due like waits
// for one to end (still timed from when it was due). Unbounded, an overloaded suite made the client open a connection
// per waiting like until its heap was spent in garbage collection.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class BenchOpen {

    static final int MAX_IN_FLIGHT = 1024;

    /** Latencies of the measured window, in microseconds, and how each like ended. */
    static final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    static final AtomicLong ok = new AtomicLong();
    static final AtomicLong refused = new AtomicLong();
    static final AtomicLong failed = new AtomicLong();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int users = Integer.parseInt(args[4]);
        int posts = Integer.parseInt(args[5]);
        byte[] secret = System.getenv("LIKES_JWT_SECRET").getBytes(StandardCharsets.UTF_8);
        // BENCH_OPEN_PATH=/benchmark/noop/ times like-api's no-op endpoint instead: the same requests, tokens and
        // generator without the write, i.e. the floor this machine and this generator put under the like's latency.
        String likePath = System.getenv().getOrDefault("BENCH_OPEN_PATH", "/like/");
        String run = Long.toString(System.currentTimeMillis(), 36);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4))
                .connectTimeout(Duration.ofSeconds(10))
                .build();

        String[] postIds = new String[posts];
        String ownerToken = token(secret, "owner-" + run);
        List<CompletableFuture<?>> created = new ArrayList<>();
        for (int i = 0; i < posts; i++) {
            postIds[i] = "open-" + run + "-" + i;
            created.add(http.sendAsync(
                    request(base + "/posts", ownerToken)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + postIds[i] + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
        CompletableFuture.allOf(created.toArray(CompletableFuture[]::new)).join();
        String[] tokens = new String[users];
        for (int i = 0; i < users; i++) {
            tokens[i] = token(secret, "u-" + run + "-" + i);
        }

        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        long measuredFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = measuredFrom + TimeUnit.SECONDS.toNanos(seconds);
        var slots = new Semaphore(MAX_IN_FLIGHT);
        for (long n = 0; ; n++) {
            long due = start + n * intervalNanos;
            if (due >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean measured = due >= measuredFrom;
            slots.acquire();
            // Users take turns, and a user's k-th like goes k x (users + 1) posts further on: with users + 1 prime to
            // posts (the defaults, 100,001 and 500) every (user, post) pair is new, so each like changes a count.
            String token = tokens[(int) (n % users)];
            String post = postIds[(int) ((n + n / users) % posts)];
            http.sendAsync(
                            request(base + likePath + post, token)
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        try {
                            if (measured) {
                                record(due, response, error);
                            }
                        } finally {
                            // Last, so that once every slot is back every answer is recorded.
                            slots.release();
                        }
                    });
        }
        if (!slots.tryAcquire(MAX_IN_FLIGHT, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("likes still unanswered 60 s after the last one was sent");
        }

        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "rate=%d seconds=%d sent=%d ok=%d non_2xx=%d errors=%d achieved_per_s=%.0f"
                        + " p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f p999_ms=%.1f max_ms=%.1f%n",
                rate,
                seconds,
                sorted.length,
                ok.get(),
                refused.get(),
                failed.get(),
                ok.get() / (double) seconds,
                percentile(sorted, 50),
                percentile(sorted, 90),
                percentile(sorted, 99),
                percentile(sorted, 99.9),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0);
        System.exit(0);
    }

    static void record(long due, HttpResponse<Void> response, Throwable error) {
        latencies.add((System.nanoTime() - due) / 1000);
        if (error != null) {
            failed.incrementAndGet();
        } else if (response.statusCode() / 100 == 2) {
            ok.incrementAndGet();
        } else {
            refused.incrementAndGet();
        }
    }

    static HttpRequest.Builder request(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
    }

    /** An HS256 token as the stack's issuer signs it, valid for an hour. */
    static String token(byte[] secret, String subject) throws Exception {
        var url = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = url.encodeToString(("{\"sub\":\"" + subject + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600)
                        + "}")
                .getBytes(StandardCharsets.UTF_8));
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        String signature = url.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.UTF_8)));
        return header + "." + claims + "." + signature;
    }
}
