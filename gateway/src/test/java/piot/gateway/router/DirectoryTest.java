package piot.gateway.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import piot.gateway.router.RouterMessage.EventMessage;

class DirectoryTest {
    private static final ThingInfo AIR = new ThingInfo("barn-1", "air", "bme280",
            List.of(new ThingInfo.Key("temperature", "°C"), new ThingInfo.Key("humidity", "%RH")), List.of());
    private static final ThingInfo FAN = new ThingInfo("barn-1", "fan", "pwm-output",
            List.of(new ThingInfo.Key("duty", "")), List.of(new ThingInfo.Action("set", "number", 0, 1)));

    private static EventMessage ev(String key, double v, long ts, boolean historical) {
        return new EventMessage("air", key, v, "°C", ts, historical, Optional.empty());
    }

    @Test
    void aThingDescriptionFollowsWotTd11() {
        ObjectNode td = ThingDescriptions.build(FAN);
        assertEquals("https://www.w3.org/2022/wot/td/v1.1", td.get("@context").asText());
        assertEquals("urn:piot:barn-1:fan", td.get("id").asText());
        assertEquals("nosec_sc", td.get("security").asText());
        assertEquals("nosec", td.at("/securityDefinitions/nosec_sc/scheme").asText());
        assertTrue(td.at("/properties/duty/readOnly").asBoolean());
        assertEquals("number", td.at("/events/duty/data/type").asText());
        JsonNode input = td.at("/actions/set/input");
        assertEquals("number", input.get("type").asText());
        assertEquals(1.0, input.get("maximum").asDouble());
        assertEquals("piot:barn-1/fan/set/set", td.at("/actions/set/forms/0/href").asText());
        assertEquals("°C", ThingDescriptions.build(AIR).at("/properties/temperature/unit").asText());
    }

    @Test
    void aNodesThingListReplacesWhatWasKnownAndBadListsChangeNothing() {
        Directory d = new Directory();
        assertEquals(Optional.empty(), d.putThings("barn-1", List.of(AIR, FAN)));
        assertEquals(Optional.of("thing air claims node barn-1 but came from house-1"), d.putThings("house-1", List.of(AIR)));
        assertEquals(Optional.of("thing id air appears twice for node barn-1"), d.putThings("barn-1", List.of(AIR, AIR)));
        assertEquals(2, d.snapshot().size());
        d.putThings("barn-1", List.of(FAN));
        assertEquals(List.of("fan"), d.snapshot().stream().map(v -> v.info().id()).toList());
        assertTrue(d.thingDescription("barn-1", "air").isEmpty());
        assertEquals("urn:piot:barn-1:fan", d.thingDescription("barn-1", "fan").orElseThrow().get("id").asText());
    }

    @Test
    void liveEventsAlwaysUpdateButAReplayedOlderOneDoesNot() {
        Directory d = new Directory();
        d.putThings("barn-1", List.of(AIR));
        assertTrue(d.onEvent("barn-1", ev("temperature", 20, 1000, false)));
        assertFalse(d.onEvent("barn-1", ev("temperature", 19, 500, true)));
        assertTrue(d.onEvent("barn-1", ev("temperature", 21, 400, false)), "a live reading after a clock step back");
        var view = d.snapshot().getFirst();
        assertEquals(21.0, view.values().get("temperature").value());
    }

    @Test
    void aFaultKeepsTheLastGoodValueAndShowsTheErrorUntilTheNextGoodReading() {
        Directory d = new Directory();
        d.onEvent("barn-1", ev("temperature", 20, 1000, false));
        d.onEvent("barn-1", new EventMessage("air", "temperature", Double.NaN, "°C", 2000, false, Optional.of("i2c nack")));
        Directory.Latest l = d.read(TopicPattern.parse("barn-1/air/temperature").orThrow()).getFirst().latest();
        assertEquals(20.0, l.value());
        assertEquals(Optional.of("i2c nack"), l.error());
        d.onEvent("barn-1", ev("temperature", 22, 3000, false));
        assertEquals(Optional.empty(), d.read(TopicPattern.ALL).getFirst().latest().error());
    }

    @Test
    void readSelectsByPattern() {
        Directory d = new Directory();
        d.onEvent("barn-1", ev("temperature", 20, 1, false));
        d.onEvent("barn-1", ev("humidity", 50, 1, false));
        d.onEvent("shed", ev("temperature", 10, 1, false));
        assertEquals(List.of("barn-1/humidity", "barn-1/temperature", "shed/temperature"),
                d.read(TopicPattern.ALL).stream().map(r -> r.node() + "/" + r.key()).toList());
        assertEquals(2, d.read(TopicPattern.parse("+/air/temperature").orThrow()).size());
    }
}
