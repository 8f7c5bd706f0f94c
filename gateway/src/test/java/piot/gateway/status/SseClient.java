package piot.gateway.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Reads {@code GET /api/events} line by line on a virtual thread; {@link #close()} hangs up. */
final class SseClient implements AutoCloseable {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final HttpResponse<Stream<String>> response;
    private final Thread reader;

    SseClient(URI events) {
        try {
            response = TestServers.CLIENT.send(HttpRequest.newBuilder(events).build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        reader = Thread.startVirtualThread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (UncheckedIOException e) {
                lines.add("!closed");
            }
        });
    }

    /** Data lines of events named {@code name}, in order. */
    List<String> data(String name) {
        List<String> out = new java.util.ArrayList<>();
        List<String> snapshot = List.copyOf(lines);
        for (int i = 0; i + 1 < snapshot.size(); i++) {
            if (snapshot.get(i).equals("event: " + name) && snapshot.get(i + 1).startsWith("data: ")) {
                out.add(snapshot.get(i + 1).substring(6));
            }
        }
        return out;
    }

    void awaitLine(String what, java.util.function.Predicate<String> p) {
        // Newest lines first: the awaited line is usually near the end of a long stream.
        TestServers.await(what, Duration.ofSeconds(10), () -> {
            for (int i = lines.size() - 1; i >= 0; i--) if (p.test(lines.get(i))) return true;
            return false;
        });
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
