package piot.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import piot.gateway.holding.HoldingConfig;
import piot.gateway.holding.NodeStore;
import piot.gateway.router.ThingInfo;
import piot.gateway.testing.Mosquitto;
import piot.time.Clock;

/** With {@code homeassistant: true}, the node's things appear in Home Assistant through MQTT discovery. */
class HomeAssistantDiscoveryIT {
    static final String SENSOR = "homeassistant/sensor/piot_gh/air_temperature/config";
    static final String SWITCH = "homeassistant/switch/piot_gh/pump_switch/config";
    static final String DOOR = "homeassistant/binary_sensor/piot_gh/door_level/config";

    @TempDir
    Path dir;

    static List<ThingInfo> things() {
        return List.of(
                new ThingInfo("gh", "air", "bme280", List.of(new ThingInfo.Key("temperature", "°C"),
                        new ThingInfo.Key("humidity", "%RH")), List.of()),
                new ThingInfo("gh", "door", "gpio-input", List.of(new ThingInfo.Key("level", "")), List.of()),
                new ThingInfo("gh", "pump", "gpio-output", List.of(new ThingInfo.Key("state", "")),
                        List.of(new ThingInfo.Action("switch", "string", Double.NaN, Double.NaN))));
    }

    @Test
    void aSensorAndASwitchAreAnnouncedAndAnnouncedAgainWhenHomeAssistantComesOnline() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir);
             NodeStore store = NodeStore.open(dir.resolve("data"), HoldingConfig.defaults(), Clock.system());
             Subscriber ha = new Subscriber(broker.url(), "homeassistant/#")) {
            MqttBridge bridge = MqttBridge.start(MqttSettings.defaults("gh", broker.url()).withHomeassistant(true),
                    store.linkStore(), Clock.system(), (n, t, a, v, id, e) -> new ActionSubmitter.Submission.Accepted());
            try {
                bridge.onThings("gh", things());

                JsonNode sensor = ha.awaitOn(SENSOR, m -> true).json();
                assertEquals("piot_gh_air_temperature", sensor.get("unique_id").textValue());
                assertEquals("temperature", sensor.get("device_class").textValue());
                assertEquals("°C", sensor.get("unit_of_measurement").textValue());
                assertEquals("piot/gh/air/temperature", sensor.get("state_topic").textValue());
                assertEquals("{{ value_json.value }}", sensor.get("value_template").textValue());
                assertEquals("piot/gh/status", sensor.get("availability_topic").textValue());
                assertEquals("piot_gh", sensor.get("device").get("identifiers").get(0).textValue());
                assertEquals("gh", sensor.get("device").get("name").textValue());
                JsonNode humidity = ha.awaitOn("homeassistant/sensor/piot_gh/air_humidity/config", m -> true).json();
                assertEquals("%", humidity.get("unit_of_measurement").textValue(), "Home Assistant's humidity unit is %");

                JsonNode sw = ha.awaitOn(SWITCH, m -> true).json();
                assertEquals("piot/gh/pump/switch/set", sw.get("command_topic").textValue());
                assertEquals("on", sw.get("payload_on").textValue());
                assertEquals("off", sw.get("payload_off").textValue());
                assertEquals("piot/gh/pump/state", sw.get("state_topic").textValue());
                assertEquals("piot_gh_pump_switch", sw.get("unique_id").textValue());
                assertEquals("piot/gh/status", sw.get("availability_topic").textValue());

                assertEquals("door", ha.awaitOn(DOOR, m -> true).json().get("device_class").textValue());

                // Home Assistant restarted: it says online, and every document comes again (live, not retained).
                int before = ha.on(SENSOR).size();
                ha.publish("homeassistant/status", "online", false);
                ha.await(Duration.ofSeconds(15), "the sensor re-announced", l -> ha.on(SENSOR).size() > before
                        && ha.on(SWITCH).size() > 1);
                Subscriber.Received again = ha.on(SENSOR).getLast();
                assertFalse(again.retained(), "a re-announcement reaches a listening Home Assistant live");
                assertEquals(sensor, again.json());

                // A new subscriber (Home Assistant started later) finds them retained.
                try (Subscriber late = new Subscriber(broker.url(), SWITCH)) {
                    assertTrue(late.awaitOn(SWITCH, m -> true).retained());
                }
            } finally {
                bridge.close();
            }
        }
    }
}
