package piot.gateway.holding;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * End-to-end dedupe per source that tolerates reordering: per source a <em>floor</em> (every
 * sequence at or below it counts as seen) and the set of sequences seen above it, at most
 * {@link #WINDOW}. When the set outgrows the window its lowest member is dropped and becomes the
 * floor, so a message older than the last {@value #WINDOW} accepted from its source is refused as
 * a duplicate (at most once wins over at least once for such a straggler).
 *
 * <p>This is the in-memory twin of the {@code source_marks}/{@code source_seen} tables that
 * {@link SqliteLinkStore#custody} keeps in the same way; the router thread asks it before a
 * message reaches the application, because the durable mark is only written after the router
 * has produced the message's forwards. Loaded from the database by {@link SqliteLinkStore#seenSources()}.
 * Not thread-safe: owned by the router thread.
 */
public final class SeenSources {
    /** How many sequences above the floor are remembered per source. */
    public static final int WINDOW = 4096;

    private final Map<String, Source> sources = new HashMap<>();

    private static final class Source {
        long floor;
        final TreeSet<Long> above = new TreeSet<>();
    }

    /** Records {@code seq} from {@code source}; false when it was seen before (or is below the window). */
    public boolean accept(String source, long seq) {
        Source s = sources.computeIfAbsent(source, k -> new Source());
        if (seq <= s.floor || !s.above.add(seq)) {
            return false;
        }
        if (s.above.size() > WINDOW) {
            s.floor = s.above.pollFirst();
        }
        return true;
    }

    /** Undoes {@link #accept} of {@code seq} when its durable record failed, so a resend is taken. */
    public void forget(String source, long seq) {
        Source s = sources.get(source);
        if (s != null) {
            s.above.remove(seq);
        }
    }

    /** True when {@code seq} from {@code source} would be refused. */
    public boolean seen(String source, long seq) {
        Source s = sources.get(source);
        return s != null && (seq <= s.floor || s.above.contains(seq));
    }

    void load(String source, long floor, long seq) {
        Source s = sources.computeIfAbsent(source, k -> new Source());
        s.floor = floor;
        if (seq > floor) {
            s.above.add(seq);
        }
    }
}
