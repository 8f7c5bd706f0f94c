package piot.gateway.bench;

import java.util.BitSet;

/**
 * What a receiver saw of a numbered stream 1..n: counts lost, duplicated and reordered messages.
 * Thread-safe; {@link #record} is called once per message the application accepted.
 */
final class Tally {
    private final BitSet seen = new BitSet();
    private long received;
    private long duplicates;
    private long reordered;
    private long highest;

    synchronized void record(long seq) {
        received++;
        if (seen.get((int) seq)) {
            duplicates++;
        } else {
            seen.set((int) seq);
        }
        if (seq < highest) {
            reordered++;
        }
        highest = Math.max(highest, seq);
    }

    /** Whether {@code seq} was recorded already. */
    synchronized boolean seen(long seq) {
        return seen.get((int) seq);
    }

    synchronized long received() {
        return received;
    }

    synchronized long distinct() {
        return seen.cardinality();
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long reordered() {
        return reordered;
    }

    synchronized long highest() {
        return highest;
    }

    /** How many of 1..{@code upTo} have arrived. */
    synchronized long distinctUpTo(long upTo) {
        return seen.get(1, (int) upTo + 1).cardinality();
    }
}
