package piot.drivers;

/**
 * Where the hardware layer sends everything it observes; the router implements it.
 *
 * <p>Sensor readings, gpio-input edges (key {@code level}), faults and recoveries are delivered on
 * the sampler thread; actuator state changes (key {@code state}) on the thread that called
 * {@link Actuator#apply} or, for a {@code max_on} auto-off, on the sampler thread. Implementations
 * must be quick (enqueue) and must not throw.
 */
public interface ReadingSink {
    void onReading(Reading reading);

    /** A read failed; the sensor is retried with backoff and no reading is produced. */
    void onFault(SensorFault fault);

    /** A sensor that had failed answered correctly again; its readings follow. */
    void onRecovered(String sensorId);
}
