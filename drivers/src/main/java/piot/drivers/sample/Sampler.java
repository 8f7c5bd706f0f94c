package piot.drivers.sample;

import java.util.List;
import java.util.concurrent.locks.LockSupport;
import piot.time.Clock;

/**
 * Runs every hardware task on one platform thread ({@code piot-sampler}): read the clock once,
 * {@link #runDue} every task, sleep until the earliest next time (at most 100 ms, so a
 * {@link piot.time.ManualClock} moved by a test is noticed) or until {@link #wakeup} (a GPIO edge).
 * Tests call {@link #runDue} directly instead of starting the thread.
 */
public final class Sampler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Sampler.class.getName());
    private static final long MAX_PARK_NANOS = 100_000_000L;

    private final Clock clock;
    private final List<Task> tasks;
    private volatile boolean running;
    private volatile Thread thread;

    public Sampler(Clock clock, List<Task> tasks) {
        this.clock = clock;
        this.tasks = List.copyOf(tasks);
    }

    /** Runs every task at {@code nowNanos}; returns the earliest time any task needs to run again. */
    public long runDue(long nowNanos) {
        long next = Long.MAX_VALUE;
        for (Task t : tasks) {
            try {
                next = Math.min(next, t.runDue(nowNanos));
            } catch (RuntimeException e) {
                // A bug in one task must not stop the others; it is retried on the next pass.
                LOG.log(System.Logger.Level.ERROR, "hardware task failed", e);
                next = Math.min(next, nowNanos + MAX_PARK_NANOS);
            }
        }
        return next;
    }

    public void start() {
        running = true;
        Thread t = Thread.ofPlatform().name("piot-sampler").daemon(true).unstarted(this::loop);
        thread = t;
        t.start();
    }

    private void loop() {
        while (running) {
            long now = clock.nanoTime();
            long next = runDue(now);
            long wait = Math.min(MAX_PARK_NANOS, next - now);
            if (wait > 0 && running) {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    /** Makes the thread run a pass now (called from Pi4J's event threads on an input edge). */
    public void wakeup() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Stops the thread and waits for it (up to 5 s). */
    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            LockSupport.unpark(t);
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
