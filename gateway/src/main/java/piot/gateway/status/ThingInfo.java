package piot.gateway.status;

import java.util.List;
import java.util.Objects;

/**
 * A thing of the mesh (a sensor or an actuator on some node) with its latest values.
 *
 * @param node    owning node
 * @param thing   thing id on that node
 * @param type    driver type, e.g. {@code bme280}, {@code gpio-output}
 * @param keys    its values (readings or actuator state), one per key
 * @param actions actions it accepts; empty for a sensor
 */
public record ThingInfo(String node, String thing, String type, List<KeyValue> keys, List<ActionInfo> actions) {
    public ThingInfo {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(thing, "thing");
        Objects.requireNonNull(type, "type");
        keys = List.copyOf(keys);
        actions = List.copyOf(actions);
    }
}
