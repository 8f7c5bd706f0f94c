package piot.gateway.router;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.TreeMap;

/** Logs every message at DEBUG (TRACE for events) and counts them per type; never refuses. */
public final class LoggingMiddleware implements Middleware {
    private static final System.Logger LOG = System.getLogger(LoggingMiddleware.class.getName());
    private final Map<String, Long> counts = new TreeMap<>();

    @Override
    public Verdict check(Inbound in, long nowNanos) {
        String type = in.message().type();
        synchronized (counts) {
            counts.merge(type, 1L, Long::sum);
        }
        Level level = type.equals("event") ? Level.TRACE : Level.DEBUG;
        if (LOG.isLoggable(level)) {
            LOG.log(level, "{0} from {1} via {2}: {3}", type, in.source(), in.peer(), in.message());
        }
        return Verdict.ACCEPT;
    }

    /** Messages seen per envelope type, for metrics. */
    public Map<String, Long> counts() {
        synchronized (counts) {
            return Map.copyOf(counts);
        }
    }
}
