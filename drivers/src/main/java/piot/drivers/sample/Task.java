package piot.drivers.sample;

/** Something the sampler thread runs: told the time, it does what is due and says when to call again. */
@FunctionalInterface
public interface Task {
    /** Does what is due at {@code nowNanos}; returns the monotonic time it next needs to run. */
    long runDue(long nowNanos);
}
