package piot.gateway.router;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The publisher's side of JOIN/LEAVE: which nodes want which of this node's events. An event of a
 * local thing is sent, end to end and routed like any message, to every node whose pattern
 * matches; each hop takes custody. Subscriptions are soft state: subscribers send JOIN again
 * whenever the publisher becomes reachable (see {@link Interests}), so a restart loses nothing.
 * Thread-safe.
 */
public final class SubscriptionTable {
    /** Patterns one subscriber may hold; more are refused. */
    public static final int MAX_PATTERNS_PER_SUBSCRIBER = 256;

    public enum JoinOutcome { ADDED, ALREADY, LIMIT_REACHED }

    private final Map<String, Set<TopicPattern>> bySubscriber = new TreeMap<>();

    public synchronized JoinOutcome join(String subscriber, TopicPattern pattern) {
        Set<TopicPattern> set = bySubscriber.computeIfAbsent(subscriber, s -> new LinkedHashSet<>());
        if (set.contains(pattern)) {
            return JoinOutcome.ALREADY;
        }
        if (set.size() >= MAX_PATTERNS_PER_SUBSCRIBER) {
            return JoinOutcome.LIMIT_REACHED;
        }
        set.add(pattern);
        return JoinOutcome.ADDED;
    }

    /** Removes one pattern; true when it was there. */
    public synchronized boolean leave(String subscriber, TopicPattern pattern) {
        Set<TopicPattern> set = bySubscriber.get(subscriber);
        boolean removed = set != null && set.remove(pattern);
        if (set != null && set.isEmpty()) {
            bySubscriber.remove(subscriber);
        }
        return removed;
    }

    /** Forgets every pattern of {@code subscriber} (it left the network). */
    public synchronized void forget(String subscriber) {
        bySubscriber.remove(subscriber);
    }

    /** The nodes that want event {@code node/thing/key}, in name order. */
    public synchronized Set<String> subscribers(String node, String thing, String key) {
        Set<String> out = new TreeSet<>();
        bySubscriber.forEach((sub, patterns) -> {
            for (TopicPattern p : patterns) {
                if (p.matches(node, thing, key)) {
                    out.add(sub);
                    return;
                }
            }
        });
        return out;
    }

    /** Subscriber → pattern texts, for the status page. */
    public synchronized Map<String, Set<String>> snapshot() {
        Map<String, Set<String>> out = new TreeMap<>();
        bySubscriber.forEach((sub, ps) -> out.put(sub, ps.stream().map(TopicPattern::text)
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new))));
        return out;
    }
}
