package piot.gateway.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Servers on free loopback ports, an HTTP client, and awaiting conditions without sleeping blindly. */
public final class TestServers {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServers() {}

    /** Loopback settings: no token required; short timeouts so the slow-client tests are quick. */
    public static HttpSettings loopback() {
        return HttpSettings.fromConfig("127.0.0.1:0", null)
                .withRequestTimeout(Duration.ofSeconds(2))
                .withEvents(Duration.ofMillis(200), 16)
                .withLiveDiff(Duration.ofMillis(100));
    }

    /** Configured for all interfaces (so the token is required) but bound to loopback for the test. */
    public static HttpSettings exposed(String token) {
        return HttpSettings.fromConfig("0.0.0.0:8080", token)
                .withBind(new InetSocketAddress("127.0.0.1", 0))
                .withRequestTimeout(Duration.ofSeconds(2))
                .withEvents(Duration.ofMillis(200), 16)
                .withLiveDiff(Duration.ofMillis(100));
    }

    static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return CLIENT.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(StatusServer s, String path) {
        return send(HttpRequest.newBuilder(s.uri().resolve(path)));
    }

    static HttpResponse<String> postJson(StatusServer s, String path, String body) {
        return send(HttpRequest.newBuilder(s.uri().resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static URI uri(StatusServer s, String path) {
        return s.uri().resolve(path);
    }

    /** Waits until {@code condition} holds, polling, or fails after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            LockSupport.parkNanos(10_000_000); // the await loop's polling interval
        }
    }
}
