package piot.drivers;

/**
 * One measured value of a thing, as the router publishes it.
 *
 * @param thingId   the sensor or actuator id from the config
 * @param key       the quantity, e.g. {@code temperature}, {@code level}, {@code state}
 * @param value     the value in {@code unit}
 * @param unit      e.g. {@code °C}, {@code %RH}, {@code hPa}, {@code lx}, {@code V}; empty when unitless
 * @param wallMillis wall-clock time of the measurement (ms since the epoch; may jump at NTP sync)
 * @param monoNanos monotonic time of the measurement ({@link piot.time.Clock#nanoTime()})
 */
public record Reading(String thingId, String key, double value, String unit, long wallMillis, long monoNanos) {
}
