package piot.gateway.status;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest value of one key of a thing.
 *
 * @param key        key name, e.g. {@code temperature}, {@code level}, {@code state}
 * @param value      a {@link Number}, {@link Boolean} or {@link String}; {@code null} when no value yet
 * @param unit       unit, e.g. {@code °C}; empty when none
 * @param ts         when the value was read (wall clock), or {@code null} when no value yet
 * @param historical true when the value is remembered (e.g. from before a restart or a lost
 *                   session) rather than fresh from a live source
 */
public record KeyValue(String key, Object value, String unit, java.time.Instant ts, boolean historical) {
    public KeyValue {
        Objects.requireNonNull(key, "key");
        unit = unit == null ? "" : unit;
        if (value != null && !(value instanceof Number || value instanceof Boolean || value instanceof String)) {
            throw new IllegalArgumentException("value must be a Number, Boolean or String: " + value.getClass());
        }
    }

    /** A fresh value. */
    public static KeyValue of(String key, Object value, String unit, Instant ts) {
        return new KeyValue(key, value, unit, ts, false);
    }
}
