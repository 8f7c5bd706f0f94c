package piot.gateway.router;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import piot.gateway.router.RouterMessage.Subscribe;
import piot.gateway.router.RouterMessage.Unsubscribe;

/**
 * The subscriber's side of JOIN/LEAVE: the patterns this node wants, and the JOINs and LEAVEs
 * that carry them to the publishers. A pattern naming a node goes to that node only; a pattern
 * whose node level is a wildcard goes to every known node. JOINs are sent again to a node each
 * time it becomes reachable ({@link #onReachable}), which also covers publishers that restarted
 * or joined the mesh later. Thread-safe.
 */
public final class Interests {
    private final String self;
    private final Set<TopicPattern> wanted = new LinkedHashSet<>();

    public Interests(String self) {
        this.self = self;
    }

    /** Adds {@code pattern}; returns the JOINs to send to the publishers among {@code knownNodes}. */
    public synchronized List<Outgoing> want(TopicPattern pattern, Collection<String> knownNodes) {
        if (!wanted.add(pattern)) {
            return List.of();
        }
        return address(pattern, knownNodes, new Subscribe(pattern.text()));
    }

    /** Removes {@code pattern}; returns the LEAVEs for the publishers among {@code knownNodes}. */
    public synchronized List<Outgoing> drop(TopicPattern pattern, Collection<String> knownNodes) {
        if (!wanted.remove(pattern)) {
            return List.of();
        }
        return address(pattern, knownNodes, new Unsubscribe(pattern.text()));
    }

    /** {@code node} became reachable: the JOINs it should (again) receive. */
    public synchronized List<Outgoing> onReachable(String node) {
        List<Outgoing> out = new ArrayList<>();
        for (TopicPattern p : wanted) {
            out.addAll(address(p, List.of(node), new Subscribe(p.text())));
        }
        return out;
    }

    /** Whether an event that arrived here is one this node asked for (otherwise it is not delivered). */
    public synchronized boolean wants(String node, String thing, String key) {
        return wanted.stream().anyMatch(p -> p.matches(node, thing, key));
    }

    public synchronized Set<TopicPattern> patterns() {
        return Set.copyOf(wanted);
    }

    private List<Outgoing> address(TopicPattern p, Collection<String> nodes, RouterMessage m) {
        List<Outgoing> out = new ArrayList<>();
        for (String n : new java.util.TreeSet<>(nodes)) {
            if (!n.equals(self) && p.node().map(n::equals).orElse(true)) {
                out.add(new Outgoing(n, m));
            }
        }
        return out;
    }
}
