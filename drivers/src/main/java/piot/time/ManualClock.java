package piot.time;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to: for tests and for simulations that run faster than real
 * time. Safe to read from any thread; {@link #advanceNanos} moves both clocks together, and
 * {@link #jumpWallMillis} moves only the wall clock, as an NTP step does on a Pi.
 */
public final class ManualClock implements Clock {
    private final AtomicLong nanos;
    private final AtomicLong wallOffsetMillis;

    public ManualClock(long startNanos, long startWallMillis) {
        this.nanos = new AtomicLong(startNanos);
        this.wallOffsetMillis = new AtomicLong(startWallMillis - startNanos / 1_000_000);
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public long wallMillis() {
        return nanos.get() / 1_000_000 + wallOffsetMillis.get();
    }

    public void advanceNanos(long delta) {
        if (delta < 0) {
            throw new IllegalArgumentException("the monotonic clock never goes back: " + delta);
        }
        nanos.addAndGet(delta);
    }

    public void advanceMillis(long delta) {
        advanceNanos(delta * 1_000_000);
    }

    public void jumpWallMillis(long delta) {
        wallOffsetMillis.addAndGet(delta);
    }
}
