package piot.gateway.status;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fans live events out to {@code GET /api/events} clients. The model's listener only formats an
 * event once and offers it to each client's bounded queue, so a slow client never blocks the
 * model or the other clients: when its queue is full the event is dropped for that client,
 * counted, and the client is told how many it missed. Each client's own virtual thread drains its
 * queue onto its socket and writes keep-alive comments while idle; a failed write ends it.
 */
final class EventHub implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventHub.class.getName());
    private static final String CLOSE = "";

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final Duration keepAlive;
    private final int queueSize;
    private final PiotMetrics metrics;
    private final StatusModel.Subscription subscription;
    private volatile boolean closed;

    EventHub(StatusModel model, Duration keepAlive, int queueSize, PiotMetrics metrics) {
        this.keepAlive = keepAlive;
        this.queueSize = queueSize;
        this.metrics = metrics;
        metrics.sseClients().labels().setFunction(clients::size);
        this.subscription = model.subscribe(this::onEvent);
    }

    int clients() {
        return clients.size();
    }

    /** Publishes an event that did not come from the model's own listener (see {@link LiveDiff}). */
    void publish(LiveEvent e) {
        onEvent(e);
    }

    private void onEvent(LiveEvent e) {
        if (clients.isEmpty()) return;
        String frame = Json.event(e).frame();
        for (Client c : clients) c.offer(frame);
    }

    /** Streams events to this exchange until the client goes away or the hub closes. */
    void serve(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        Client c = new Client(new ArrayBlockingQueue<>(queueSize));
        clients.add(c);
        try (OutputStream out = ex.getResponseBody()) {
            write(out, "retry: 3000\n: connected\n\n");
            while (!closed) {
                String frame = c.queue.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
                if (frame == CLOSE) break;
                long missed = c.dropped.getAndSet(0);
                if (missed > 0) write(out, "event: dropped\ndata: {\"dropped\":" + missed + "}\n\n");
                write(out, frame == null ? ": keep-alive\n\n" : frame);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "event-stream client gone: {0}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.remove(c);
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        closed = true;
        subscription.close();
        for (Client c : clients) {
            c.queue.clear();
            c.queue.offer(CLOSE);
        }
    }

    private final class Client {
        final BlockingQueue<String> queue;
        final AtomicLong dropped = new AtomicLong();

        Client(BlockingQueue<String> queue) {
            this.queue = queue;
        }

        void offer(String frame) {
            if (!queue.offer(frame)) {
                dropped.incrementAndGet();
                metrics.sseDropped().inc();
            }
        }
    }
}
