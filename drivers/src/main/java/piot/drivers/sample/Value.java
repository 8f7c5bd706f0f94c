package piot.drivers.sample;

/** One value a driver measured, before the sampler stamps it with the sensor id and time. */
public record Value(String key, double value, String unit) {
}
