package piot.gateway.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The node's links. Configured links are fixed; discovery and inbound sessions may add links or
 * update their address but never override a configured one. Listeners (e.g. persistence in
 * holding) hear every change. Thread-safe.
 */
public final class LinkRegistry {
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private final List<Consumer<Link>> listeners = new CopyOnWriteArrayList<>();

    public LinkRegistry(List<Link> initial) {
        initial.forEach(l -> links.put(l.peer(), l));
    }

    public Optional<Link> get(String peer) {
        return Optional.ofNullable(links.get(peer));
    }

    public List<Link> all() {
        return new ArrayList<>(links.values());
    }

    /** Called on every added or changed link, on the thread that changed it. */
    public void onChange(Consumer<Link> listener) {
        listeners.add(listener);
    }

    /** Records a learned link; returns true when something changed. */
    public boolean learn(Link learned) {
        boolean[] changed = {false};
        links.compute(learned.peer(), (peer, old) -> {
            if (old != null && (old.source() == Link.Source.CONFIG || old.address().equals(learned.address())
                    || !learned.dialable() && old.dialable())) {
                return old;
            }
            changed[0] = true;
            return old == null ? learned : new Link(peer, learned.host(), learned.port(), old.inheritState(), learned.source());
        });
        if (changed[0]) {
            Link now = links.get(learned.peer());
            listeners.forEach(l -> l.accept(now));
        }
        return changed[0];
    }
}
