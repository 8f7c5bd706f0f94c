package piot.gateway.mesh;

import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Closes a socket whose handshake is still running when its deadline passes. A virtual thread
 * parks until then; closing the deadline (handshake over) wakes and ends it.
 */
final class HandshakeDeadline implements AutoCloseable {
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int EXPIRED = 2;
    /** Exactly one of close() (RUNNING to DONE) and the watcher (RUNNING to EXPIRED) wins. */
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final Thread watcher;

    private HandshakeDeadline(Closeable socket, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        watcher = Thread.ofVirtual().name("mesh-handshake-deadline").start(() -> {
            for (long left = timeoutNanos; left > 0 && state.get() == RUNNING; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            if (state.compareAndSet(RUNNING, EXPIRED)) {
                Connector.closeQuietly(socket);
            }
        });
    }

    static HandshakeDeadline start(Closeable socket, Duration timeout) {
        return new HandshakeDeadline(socket, timeout.toNanos());
    }

    /** Whether the deadline passed and the socket was (or is being) closed because of it. */
    boolean expired() {
        return state.get() == EXPIRED;
    }

    /** Ends the watch; after this, {@link #expired()} no longer changes. */
    @Override
    public void close() {
        state.compareAndSet(RUNNING, DONE);
        LockSupport.unpark(watcher);
    }
}
