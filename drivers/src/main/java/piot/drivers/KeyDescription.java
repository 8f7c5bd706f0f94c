package piot.drivers;

/** One quantity a thing reports or accepts, with its unit (empty when unitless). */
public record KeyDescription(String key, String unit) {
}
