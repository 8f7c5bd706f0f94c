package piot.gateway.uplink;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import piot.gateway.router.ThingInfo;

/**
 * Home Assistant MQTT discovery documents for a node's things (docs/home-assistant.md): one
 * {@code sensor} per reading key, a {@code binary_sensor} per gpio-input, a {@code switch} per
 * gpio-output and a {@code number} per pwm-output, each with availability on the node's status
 * topic and a {@code device} block per node. Published retained under
 * {@code homeassistant/COMPONENT/piot_NODE/THING_KEY/config}.
 */
final class HomeAssistant {
    static final String DISCOVERY_PREFIX = "homeassistant";
    static final String STATUS_TOPIC = DISCOVERY_PREFIX + "/status";

    /** One discovery document. */
    record Doc(String topic, byte[] payload) {}

    private HomeAssistant() {}

    static List<Doc> documents(ThingInfo t, Topics topics) {
        List<Doc> out = new ArrayList<>();
        switch (t.type()) {
            case "gpio-input" -> {
                for (ThingInfo.Key k : t.keys()) {
                    ObjectNode o = base(t, k.key(), topics);
                    o.put("state_topic", topics.reading(t.node(), t.id(), k.key()));
                    o.put("value_template", "{{ 'ON' if (value_json.value | float(0)) >= 0.5 else 'OFF' }}");
                    doorClass(t.id()).ifPresent(c -> o.put("device_class", c));
                    out.add(doc("binary_sensor", t, k.key(), o));
                }
            }
            case "gpio-output" -> action(t).ifPresent(a -> {
                String key = stateKey(t);
                ObjectNode o = base(t, a.name(), topics);
                o.put("command_topic", topics.set(t.node(), t.id(), a.name()));
                o.put("payload_on", "on").put("payload_off", "off");
                o.put("state_topic", topics.reading(t.node(), t.id(), key));
                o.put("value_template", "{{ 'on' if (value_json.value | float(0)) >= 0.5 else 'off' }}");
                o.put("state_on", "on").put("state_off", "off");
                out.add(doc("switch", t, a.name(), o));
            });
            case "pwm-output" -> action(t).ifPresent(a -> {
                ObjectNode o = base(t, a.name(), topics);
                o.put("command_topic", topics.set(t.node(), t.id(), a.name()));
                o.put("state_topic", topics.reading(t.node(), t.id(), stateKey(t)));
                o.put("value_template", "{{ value_json.value }}");
                o.put("min", Double.isNaN(a.min()) ? 0 : a.min()).put("max", Double.isNaN(a.max()) ? 1 : a.max());
                o.put("step", 0.01).put("mode", "slider");
                out.add(doc("number", t, a.name(), o));
            });
            default -> {
                for (ThingInfo.Key k : t.keys()) {
                    ObjectNode o = base(t, k.key(), topics);
                    o.put("state_topic", topics.reading(t.node(), t.id(), k.key()));
                    o.put("value_template", "{{ value_json.value }}");
                    String unit = haUnit(k.unit());
                    if (!unit.isEmpty()) {
                        o.put("unit_of_measurement", unit);
                    }
                    sensorClass(k.key(), unit).ifPresent(c -> o.put("device_class", c));
                    o.put("state_class", "measurement");
                    out.add(doc("sensor", t, k.key(), o));
                }
            }
        }
        return out;
    }

    private static ObjectNode base(ThingInfo t, String key, Topics topics) {
        ObjectNode o = Payloads.JSON.createObjectNode();
        o.put("name", t.id() + " " + key);
        o.put("unique_id", uniqueId(t.node(), t.id(), key));
        o.put("object_id", t.node() + "_" + t.id() + "_" + key);
        o.put("availability_topic", topics.status(t.node()));
        o.put("payload_available", "online").put("payload_not_available", "offline");
        o.put("qos", 1);
        ObjectNode device = o.putObject("device");
        ArrayNode ids = device.putArray("identifiers");
        ids.add("piot_" + t.node());
        device.put("name", t.node()).put("manufacturer", "piot").put("model", "piot gateway");
        return o;
    }

    /** Home Assistant's spelling of a unit for its device classes. */
    static String haUnit(String unit) {
        return switch (unit) {
            case "lux" -> "lx";
            case "%RH", "%rh" -> "%";
            case "C", "degC" -> "°C";
            default -> unit;
        };
    }

    static String uniqueId(String node, String thing, String key) {
        return "piot_" + node + "_" + thing + "_" + key;
    }

    private static Doc doc(String component, ThingInfo t, String key, ObjectNode o) {
        return new Doc(DISCOVERY_PREFIX + "/" + component + "/piot_" + t.node() + "/" + t.id() + "_" + key + "/config",
                Payloads.bytes(o));
    }

    private static Optional<ThingInfo.Action> action(ThingInfo t) {
        return t.actions().stream().filter(a -> a.name().equals("switch") || a.name().equals("set") || a.name().equals("duty"))
                .findFirst().or(() -> t.actions().stream().findFirst());
    }

    private static String stateKey(ThingInfo t) {
        return t.keys().stream().map(ThingInfo.Key::key).filter("state"::equals).findFirst()
                .orElse(t.keys().isEmpty() ? "state" : t.keys().getFirst().key());
    }

    private static Optional<String> doorClass(String thing) {
        String id = thing.toLowerCase(Locale.ROOT);
        if (id.contains("door") || id.contains("contact")) {
            return Optional.of("door");
        }
        return Optional.empty();
    }

    private static Optional<String> sensorClass(String key, String unit) {
        return switch (key) {
            case "temperature" -> Optional.of("temperature");
            case "humidity" -> Optional.of("humidity");
            case "pressure" -> Optional.of("pressure");
            case "light", "illuminance", "lux" -> Optional.of("illuminance");
            default -> "V".equals(unit) ? Optional.of("voltage") : Optional.empty();
        };
    }
}
