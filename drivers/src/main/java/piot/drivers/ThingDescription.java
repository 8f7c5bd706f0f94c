package piot.drivers;

import java.util.List;

/**
 * What a sensor or actuator offers, for Thing Descriptions.
 *
 * @param id       the id from the config
 * @param type     the config type, e.g. {@code bme280}, {@code gpio-output}
 * @param actuator true for actuators (their keys are writable through {@link Actuator#apply})
 * @param keys     the keys it reports (sensors) or its {@code state} key (actuators)
 * @param where    bus and address or pin, e.g. {@code i2c-1 0x76}, {@code gpio 27}
 */
public record ThingDescription(String id, String type, boolean actuator, List<KeyDescription> keys, String where) {
    public ThingDescription {
        keys = List.copyOf(keys);
    }
}
