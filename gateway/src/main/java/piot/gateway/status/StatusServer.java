package piot.gateway.status;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The gateway's HTTP server: the status page, the JSON API, the event stream and /metrics, on the
 * JDK's own {@code jdk.httpserver} with one virtual thread per exchange.
 *
 * <p>Slow-loris defence, the connection cap and the header limits use the only knobs the JDK
 * server has, its {@code sun.net.httpserver.maxReqTime}, {@code jdk.httpserver.maxConnections},
 * {@code sun.net.httpserver.maxReqHeaderSize} and {@code sun.net.httpserver.maxReqHeaders} properties,
 * which it reads once per JVM: the first server started sets them from its settings unless they
 * were already given on the command line.
 */
public final class StatusServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StatusServer.class.getName());
    /** Request headers (request line included) larger than this close the connection unanswered. */
    static final int MAX_HEADER_BYTES = 32 * 1024;
    /** More request headers than this close the connection unanswered. */
    static final int MAX_HEADERS = 100;

    private final HttpServer server;
    private final ExecutorService executor;
    private final EventHub events;
    private final LiveDiff diff;

    private StatusServer(HttpServer server, ExecutorService executor, EventHub events, LiveDiff diff) {
        this.server = server;
        this.executor = executor;
        this.events = events;
        this.diff = diff;
    }

    /** Binds and starts serving {@code model}; throws if the address cannot be bound. */
    public static StatusServer start(StatusModel model, HttpSettings settings) throws IOException {
        return start(model, settings, java.util.Map.of());
    }

    /** As {@link #start(StatusModel, HttpSettings)}, with more handlers by path prefix (e.g. {@code /api/fleet/}). */
    public static StatusServer start(StatusModel model, HttpSettings settings, java.util.Map<String, com.sun.net.httpserver.HttpHandler> extra)
            throws IOException {
        applyJdkLimits(settings);
        PiotMetrics metrics = PiotMetrics.register(model.metrics());
        HttpServer server = HttpServer.create(settings.bind(), 64);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        EventHub events = new EventHub(model, settings.keepAlive(), settings.eventQueue(), metrics);
        server.setExecutor(executor);
        server.createContext("/", new ApiHandler(model, settings, events, metrics));
        extra.forEach(server::createContext);
        LiveDiff diff = new LiveDiff(model, settings.liveDiff(), events::publish);
        server.start();
        diff.start();
        StatusServer s = new StatusServer(server, executor, events, diff);
        LOG.log(System.Logger.Level.INFO, "status page at {0} (token {1})", s.uri(),
                settings.requireToken() ? "required to act" : "not required on loopback");
        return s;
    }

    private static synchronized void applyJdkLimits(HttpSettings s) {
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(s.requestTimeout().toSeconds()));
        }
        if (System.getProperty("jdk.httpserver.maxConnections") == null) {
            System.setProperty("jdk.httpserver.maxConnections", Integer.toString(s.maxConnections()));
        }
        // The JDK's defaults (380 KiB, 200 headers) are far more than a browser or the CLI sends.
        if (System.getProperty("sun.net.httpserver.maxReqHeaderSize") == null) {
            System.setProperty("sun.net.httpserver.maxReqHeaderSize", Integer.toString(MAX_HEADER_BYTES));
        }
        if (System.getProperty("sun.net.httpserver.maxReqHeaders") == null) {
            System.setProperty("sun.net.httpserver.maxReqHeaders", Integer.toString(MAX_HEADERS));
        }
    }

    /** The bound address (with the real port when the settings asked for port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://HOST:PORT/} of the status page. */
    public URI uri() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) host = "[" + host + "]";
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    /** Event-stream clients connected now. */
    public int eventClients() {
        return events.clients();
    }

    /** Ends event streams, stops accepting, and waits up to a second for exchanges in flight. */
    @Override
    public void close() {
        diff.close();
        events.close();
        server.stop(1);
        executor.shutdownNow();
    }
}
