package piot.time;

/**
 * The two clocks piot reads, behind one seam so tests advance time instead of sleeping.
 *
 * <p>{@link #nanoTime()} is monotonic and is the only clock used for timeouts, intervals and
 * heartbeats. {@link #wallMillis()} is wall-clock time for timestamps on readings and messages; a
 * Raspberry Pi has no RTC, so it may jump (backwards too) when NTP syncs, and nothing may use it to
 * measure elapsed time. Read the clock once per step and pass the value down.
 */
public interface Clock {
    /** Monotonic nanoseconds, arbitrary origin. */
    long nanoTime();

    /** Wall-clock milliseconds since the Unix epoch. */
    long wallMillis();

    /** The real clocks of this machine. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
