package piot.gateway.router;

import java.util.List;
import java.util.Objects;

/**
 * What the directory needs to know of a thing to describe it: the input from which
 * {@link ThingDescriptions} builds a W3C WoT Thing Description, and what nodes exchange.
 *
 * @param node    owning node
 * @param id      thing id, unique on its node (a sensor or actuator id of the config)
 * @param type    device type, e.g. {@code bme280}, {@code gpio-output}
 * @param keys    the readings it publishes
 * @param actions the actions it accepts (empty for sensors)
 */
public record ThingInfo(String node, String id, String type, List<Key> keys, List<Action> actions) {
    public ThingInfo {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        keys = List.copyOf(keys);
        actions = List.copyOf(actions);
    }

    /** A published reading: its key and unit ("" when unitless). */
    public record Key(String key, String unit) {
        public Key {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(unit, "unit");
        }
    }

    /**
     * An action and its input: {@code inputType} is a JSON Schema type ({@code boolean},
     * {@code number}, {@code string}, or {@code null} for none); {@code min}/{@code max} bound a
     * number input (NaN when unbounded).
     */
    public record Action(String name, String inputType, double min, double max) {
        public Action {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(inputType, "inputType");
        }
    }
}
