package piot.gateway.uplink;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a timeout instead of sleeping. */
final class Await {
    private Await() {}

    static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object lock = new Object();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            synchronized (lock) {
                try {
                    lock.wait(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + what, e);
                }
            }
        }
    }
}
