package piot.gateway.uplink;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The outbox messages handed to the broker and not yet confirmed in holding, in send order.
 * Holding's {@code confirm(seq)} removes everything up to {@code seq}, so only the longest
 * acknowledged prefix may be confirmed, whatever order the acknowledgements come in. Owned by the
 * publisher thread.
 */
final class InFlight {
    private final ArrayDeque<Long> sent = new ArrayDeque<>();
    private final Set<Long> acked = new HashSet<>();

    void sent(long seq) {
        sent.addLast(seq);
    }

    /** Records the broker's acknowledgement of {@code seq}; returns the new confirmable prefix end, if it moved. */
    OptionalLong acked(long seq) {
        if (!sent.contains(seq)) {
            return OptionalLong.empty();
        }
        acked.add(seq);
        long last = -1;
        while (!sent.isEmpty() && acked.remove(sent.peekFirst())) {
            last = sent.removeFirst();
        }
        return last < 0 ? OptionalLong.empty() : OptionalLong.of(last);
    }

    int size() {
        return sent.size();
    }

    /** Forgets everything in flight: after a lost connection it is all sent again from holding. */
    void clear() {
        sent.clear();
        acked.clear();
    }
}
