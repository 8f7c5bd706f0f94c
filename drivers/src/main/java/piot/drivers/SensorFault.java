package piot.drivers;

/**
 * A failed sensor read: the sensor produced an error instead of a reading.
 *
 * @param sensorId    the sensor id from the config
 * @param where       the bus and address or pin, e.g. {@code i2c-1 0x76} or {@code gpio 17}
 * @param message     what failed, e.g. {@code remote I/O error (NACK) reading chip id}
 * @param consecutive how many reads in a row have failed, 1 for the first
 * @param retryInNanos when the sampler will try again (exponential backoff, capped)
 * @param wallMillis  wall-clock time of the failure
 * @param monoNanos   monotonic time of the failure
 */
public record SensorFault(String sensorId, String where, String message, int consecutive, long retryInNanos,
                          long wallMillis, long monoNanos) {
    /** One line for logs and error events: {@code air (i2c-1 0x76): message}. */
    public String describe() {
        return sensorId + " (" + where + "): " + message;
    }
}
