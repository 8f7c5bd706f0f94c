package piot.gateway.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark 2's schedule, the same for piot and the peer: events 1, 2, 3, … at a steady rate for
 * {@code seconds}, the link cut for {@code cutSeconds} in the middle, then up to {@code drainCap}
 * seconds to let everything arrive. Drain time is from the link's return until every event
 * produced before that moment has arrived.
 */
final class Outage {
    /** The system under test, driven by the schedule. */
    interface Subject {
        void send(long n) throws Exception;

        void cut() throws Exception;

        void restore() throws Exception;

        Tally tally();

        /** Events acknowledged to the producer so far. */
        long acked();

        /** Events still held on the sending side and not yet delivered (-1 when unknown). */
        long stillHeld();
    }

    /** What one run saw. {@code drainSeconds} is NaN when the backlog did not drain within the cap. */
    record Result(long produced, long acked, long received, long lost, long duplicates, long reordered, long backlog,
                  double drainSeconds, double liveRate, long stillHeld, double rateAfterReturn) {
        double drainRate() {
            return Double.isNaN(drainSeconds) ? Double.NaN : backlog / Math.max(drainSeconds, 1e-3);
        }
    }

    private Outage() {}

    static Result run(Subject s, int rate, int seconds, int cutSeconds, int drainCapSeconds) throws Exception {
        long start = System.nanoTime();
        long cutAt = start + TimeUnit.MILLISECONDS.toNanos((seconds - cutSeconds) * 500L);
        long restoreAt = cutAt + TimeUnit.SECONDS.toNanos(cutSeconds);
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long cap = end + TimeUnit.SECONDS.toNanos(drainCapSeconds);
        long total = (long) rate * seconds;
        long sent = 0;
        boolean cut = false;
        boolean restored = false;
        long backlogUpTo = 0;
        long backlog = 0;
        long restoredNanos = 0;
        long receivedAtRestore = 0;
        double drain = Double.NaN;
        for (long tick = 0; tick < Long.MAX_VALUE; tick++) {
            long now = System.nanoTime();
            long due = Math.min(total, (now - start) * rate / 1_000_000_000L);
            while (sent < due) {
                s.send(++sent);
            }
            if (!cut && now >= cutAt) {
                s.cut();
                cut = true;
            }
            if (cut && !restored && System.nanoTime() >= restoreAt) {
                backlogUpTo = sent;
                backlog = sent - s.tally().distinctUpTo(sent);
                receivedAtRestore = s.tally().distinct();
                s.restore();
                restoredNanos = System.nanoTime();
                restored = true;
            }
            if (restored && Double.isNaN(drain) && s.tally().distinctUpTo(backlogUpTo) >= backlogUpTo) {
                drain = (System.nanoTime() - restoredNanos) / 1e9;
            }
            boolean allIn = sent >= total && s.tally().distinct() >= total;
            if ((restored && !Double.isNaN(drain) && allIn) || now > cap) {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
        }
        Tally t = s.tally();
        double afterReturn = restoredNanos == 0 ? Double.NaN
                : (t.distinct() - receivedAtRestore) * 1e9 / (System.nanoTime() - restoredNanos);
        double liveRate = (double) total / seconds;
        long held = s.stillHeld();
        long missing = total - t.distinct();
        long lost = held < 0 ? missing : Math.max(0, missing - held);
        return new Result(total, s.acked(), t.distinct(), lost, t.duplicates(), t.reordered(), backlog, drain, liveRate,
                held, afterReturn);
    }
}
