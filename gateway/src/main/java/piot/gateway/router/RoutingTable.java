package piot.gateway.router;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import piot.gateway.router.RouterMessage.RoutingUpdate;

/**
 * Distance-vector routing (as RIP): every node tells each neighbour the metric (hop count) at which
 * it reaches every destination, and routes through the neighbour that offers the lowest one.
 *
 * <ul>
 *   <li>Metric {@value #INFINITY} means unreachable; a metric never counts beyond it.</li>
 *   <li>Split horizon with poisoned reverse: a route learned from neighbour N is advertised back
 *       to N as unreachable, so two nodes never count to infinity between them.</li>
 *   <li>An update is the sender's complete table: a route via the sender that it no longer lists
 *       becomes unreachable at once.</li>
 *   <li>A learned route not refreshed within {@code routeTimeoutNanos} becomes unreachable, and is
 *       forgotten {@code forgetAfterNanos} later (after it was advertised as unreachable).</li>
 *   <li>Direct routes to neighbours (metric 1) follow the session: {@link #linkUp} and
 *       {@link #linkDown}; they do not time out.</li>
 *   <li>Triggered updates: every mutator returns {@code true} when the table changed; the caller
 *       then sends {@link #advertisementFor} to every neighbour at once instead of waiting for the
 *       periodic update.</li>
 * </ul>
 * Not thread-safe: owned by the router's thread. Times are monotonic nanoseconds.
 */
public final class RoutingTable {
    /** The metric that means unreachable. */
    public static final int INFINITY = 16;

    private final String self;
    private final long routeTimeoutNanos;
    private final long forgetAfterNanos;
    private final Set<String> neighbours = new LinkedHashSet<>();
    private final Map<String, Route> routes = new HashMap<>();

    /** One route: where {@code destination} is reached, at what metric, and when it was last confirmed. */
    public record Route(String destination, int metric, String nextHop, long updatedNanos) {
        public boolean reachable() {
            return metric < INFINITY;
        }
    }

    public RoutingTable(String self, long routeTimeoutNanos, long forgetAfterNanos) {
        if (routeTimeoutNanos <= 0 || forgetAfterNanos <= 0) {
            throw new IllegalArgumentException("route timeout and forget delay must be positive");
        }
        this.self = self;
        this.routeTimeoutNanos = routeTimeoutNanos;
        this.forgetAfterNanos = forgetAfterNanos;
    }

    public String self() {
        return self;
    }

    /** A session to {@code peer} is up: it is a neighbour at metric 1. */
    public boolean linkUp(String peer, long nowNanos) {
        if (peer.equals(self)) {
            return false;
        }
        neighbours.add(peer);
        Route old = routes.put(peer, new Route(peer, 1, peer, nowNanos));
        return old == null || old.metric() != 1 || !old.nextHop().equals(peer);
    }

    /** The session to {@code peer} is down: everything reached through it becomes unreachable. */
    public boolean linkDown(String peer, long nowNanos) {
        boolean changed = neighbours.remove(peer);
        for (Route r : routes.values().toArray(Route[]::new)) {
            if (r.nextHop().equals(peer) && r.reachable()) {
                routes.put(r.destination(), new Route(r.destination(), INFINITY, peer, nowNanos));
                changed = true;
            }
        }
        return changed;
    }

    /** Applies neighbour {@code from}'s complete table; updates from non-neighbours are ignored. */
    public boolean onUpdate(String from, RoutingUpdate update, long nowNanos) {
        if (!neighbours.contains(from)) {
            return false;
        }
        boolean changed = false;
        for (Map.Entry<String, Integer> e : update.entries().entrySet()) {
            String dest = e.getKey();
            if (dest.equals(self)) {
                continue;
            }
            int metric = Math.min(INFINITY, Math.max(0, e.getValue()) + 1);
            Route cur = routes.get(dest);
            if (cur != null && neighbours.contains(dest) && cur.nextHop().equals(dest) && cur.metric() == 1) {
                continue; // a direct neighbour is never reached better through someone else
            }
            if (cur == null) {
                if (metric < INFINITY) {
                    routes.put(dest, new Route(dest, metric, from, nowNanos));
                    changed = true;
                }
            } else if (cur.nextHop().equals(from)) {
                if (metric < INFINITY) {
                    routes.put(dest, new Route(dest, metric, from, nowNanos));
                    changed |= metric != cur.metric();
                } else if (cur.reachable()) {
                    routes.put(dest, new Route(dest, INFINITY, from, nowNanos));
                    changed = true;
                }
            } else if (metric < cur.metric()) {
                routes.put(dest, new Route(dest, metric, from, nowNanos));
                changed = true;
            }
        }
        for (Route r : routes.values().toArray(Route[]::new)) {
            if (r.nextHop().equals(from) && r.reachable() && !r.destination().equals(from)
                    && !update.entries().containsKey(r.destination())) {
                routes.put(r.destination(), new Route(r.destination(), INFINITY, from, nowNanos));
                changed = true;
            }
        }
        return changed;
    }

    /** Times out stale learned routes and forgets long-unreachable ones. */
    public boolean expire(long nowNanos) {
        boolean changed = false;
        for (Route r : routes.values().toArray(Route[]::new)) {
            boolean direct = neighbours.contains(r.destination()) && r.nextHop().equals(r.destination());
            long age = nowNanos - r.updatedNanos();
            if (r.reachable() && !direct && age >= routeTimeoutNanos) {
                routes.put(r.destination(), new Route(r.destination(), INFINITY, r.nextHop(), nowNanos));
                changed = true;
            } else if (!r.reachable() && age >= forgetAfterNanos) {
                routes.remove(r.destination());
            }
        }
        return changed;
    }

    /** What to tell {@code neighbour}: this node at 0, and routes via that neighbour poisoned. */
    public RoutingUpdate advertisementFor(String neighbour) {
        Map<String, Integer> out = new TreeMap<>();
        out.put(self, 0);
        for (Route r : routes.values()) {
            out.put(r.destination(), r.nextHop().equals(neighbour) ? INFINITY : r.metric());
        }
        return new RoutingUpdate(out);
    }

    /** The neighbour to hand a message for {@code destination} to, when it is reachable. */
    public Optional<String> nextHop(String destination) {
        Route r = routes.get(destination);
        return r != null && r.reachable() ? Optional.of(r.nextHop()) : Optional.empty();
    }

    /** Metric to {@code destination}: 0 for this node, {@value #INFINITY} when unknown or unreachable. */
    public int metric(String destination) {
        if (destination.equals(self)) {
            return 0;
        }
        Route r = routes.get(destination);
        return r == null ? INFINITY : r.metric();
    }

    public Set<String> neighbours() {
        return Set.copyOf(neighbours);
    }

    /** Every destination this node knows of, reachable or not (this node excluded). */
    public Set<String> destinations() {
        return Set.copyOf(routes.keySet());
    }

    /** A copy of the table, sorted by destination, for the status page. */
    public Map<String, Route> snapshot() {
        return new TreeMap<>(routes);
    }
}
