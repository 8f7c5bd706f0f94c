package piot.gateway.router;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import piot.gateway.router.RouterMessage.ActionRequest;
import piot.gateway.router.RouterMessage.RpcRequest;

/**
 * A token bucket per originating node for the requests a node can flood with: actions and RPC
 * calls. Each node may send {@code burst} at once and {@code ratePerSecond} on average; a refused
 * request is answered (FAILED / an RPC error), so its sender knows. Events are not limited: by the
 * time one reaches the router its custody has been taken (it is on disk here and confirmed to the
 * previous hop), so refusing it would lose an accepted reading (SPEC "Guarantees"); a chatty source
 * is bounded by the mesh's flow control and its own holding policy instead. Control traffic
 * (statuses, replies, routing, JOIN/LEAVE, thing lists) and this node's own messages are never
 * limited. Buckets are keyed by {@link Inbound#source()}, not by the neighbour,
 * so a relay carrying many nodes' traffic is not throttled for them. Time is the monotonic clock.
 */
public final class RateLimiter implements Middleware {
    public static final String CODE = "rate-limited";
    /** At most this many buckets; idle full ones are dropped first. */
    static final int MAX_BUCKETS = 4096;

    private final String self;
    private final double ratePerNano;
    private final double burst;
    private final Map<String, Bucket> buckets = new HashMap<>();
    private long refused;

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long lastNanos) {
            this.tokens = tokens;
            this.lastNanos = lastNanos;
        }
    }

    public RateLimiter(String self, double ratePerSecond, int burst) {
        if (!(ratePerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1, got " + ratePerSecond + ", " + burst);
        }
        this.self = self;
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
    }

    @Override
    public synchronized Verdict check(Inbound in, long nowNanos) {
        boolean limited = in.message() instanceof ActionRequest || in.message() instanceof RpcRequest;
        if (!limited || in.source().equals(self)) {
            return Verdict.ACCEPT;
        }
        Bucket b = buckets.get(in.source());
        if (b == null) {
            evictIfFull(nowNanos);
            b = new Bucket(burst, nowNanos);
            buckets.put(in.source(), b);
        }
        refill(b, nowNanos);
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return Verdict.ACCEPT;
        }
        refused++;
        double rate = ratePerNano * 1e9;
        String shown = rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
        return Verdict.refuse(CODE, "rate limited: node " + in.source() + " sends more than "
                + shown + "/s (burst " + (int) burst + ")");
    }

    private void refill(Bucket b, long nowNanos) {
        long elapsed = Math.max(0, nowNanos - b.lastNanos);
        b.tokens = Math.min(burst, b.tokens + elapsed * ratePerNano);
        b.lastNanos = Math.max(b.lastNanos, nowNanos);
    }

    private void evictIfFull(long nowNanos) {
        if (buckets.size() < MAX_BUCKETS) {
            return;
        }
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            refill(b, nowNanos);
            if (b.tokens >= burst) {
                it.remove();
            }
        }
        if (buckets.size() >= MAX_BUCKETS) {
            buckets.remove(buckets.keySet().iterator().next());
        }
    }

    public synchronized long refused() {
        return refused;
    }
}
