package piot.drivers.sample;

import java.util.List;
import piot.drivers.KeyDescription;

/**
 * A sensor the sampler reads on an interval. Implementations talk to the device only through
 * Pi4J I/O objects and never throw: every bus error or implausible value becomes a
 * {@link ReadResult.Failed}. Called only from the sampler thread.
 */
public interface SampledSensor {
    String id();

    /** Bus and address, e.g. {@code i2c-1 0x76}. */
    String where();

    /** The config type name, e.g. {@code bme280}. */
    String type();

    List<KeyDescription> keys();

    ReadResult read();
}
