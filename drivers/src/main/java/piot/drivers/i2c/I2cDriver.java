package piot.drivers.i2c;

import com.pi4j.io.i2c.I2C;
import java.util.concurrent.locks.LockSupport;
import piot.drivers.sample.ReadResult;
import piot.drivers.sample.SampledSensor;

/**
 * Common ground of the I2C drivers: a Pi4J {@link I2C} handle and the conversion of bus errors
 * (Pi4J throws unchecked exceptions) into a {@link ReadResult.Failed} naming the step that failed.
 */
abstract class I2cDriver implements SampledSensor {
    /** A step failed; the message says which and why. Never escapes {@link #read()}. */
    static final class Problem extends RuntimeException {
        Problem(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_POLLS = 50;

    protected final String id;
    protected final I2C i2c;

    I2cDriver(String id, I2C i2c) {
        this.id = id;
        this.i2c = i2c;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String where() {
        return "i2c-" + i2c.bus() + " 0x" + String.format("%02x", i2c.device());
    }

    @Override
    public final ReadResult read() {
        try {
            return measure();
        } catch (Problem p) {
            forget();
            return ReadResult.failed(p.getMessage());
        } catch (RuntimeException e) {
            forget();
            return ReadResult.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** One measurement; throws {@link Problem} or Pi4J's exceptions. */
    abstract ReadResult measure();

    /** Drops cached device state (calibration, mode) so the next read starts from scratch. */
    void forget() {
    }

    /** Runs a bus step, prefixing any error with what was being done. */
    static <T> T step(String what, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (Problem p) {
            throw p;
        } catch (RuntimeException e) {
            throw new Problem(what + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    /**
     * Polls until {@code done} holds, up to 50 times with 1 ms pauses (conversions take a few ms on
     * the chips; the simulator finishes after the first poll).
     */
    static void awaitDone(String what, java.util.function.BooleanSupplier done) {
        for (int i = 0; i < MAX_POLLS; i++) {
            if (step(what, done::getAsBoolean)) {
                return;
            }
            LockSupport.parkNanos(1_000_000);
        }
        throw new Problem(what + ": conversion did not finish after " + MAX_POLLS + " polls");
    }

    static void check(double value, double min, double max, String what, String unit, String chip) {
        if (!(value >= min && value <= max)) {
            throw new Problem(String.format(java.util.Locale.ROOT, "%s %.2f %s outside the %s's range %s..%s %s",
                    what, value, unit, chip, fmt(min), fmt(max), unit));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
