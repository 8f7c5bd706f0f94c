package piot.gateway.router;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds a W3C WoT Thing Description 1.1 from a {@link ThingInfo}: {@code id}
 * {@code urn:piot:NODE:THING}, every key as a read-only observable number property and as an
 * event, every action with its input schema. Forms point at the MQTT topics of the SPEC
 * ({@code piot/NODE/THING/KEY}, {@code …/ACTION/set}) relative to the bridge's broker, named by
 * the {@code piot:} scheme since the broker address is a deployment detail.
 */
public final class ThingDescriptions {
    public static final String CONTEXT = "https://www.w3.org/2022/wot/td/v1.1";

    private ThingDescriptions() {}

    public static ObjectNode build(ThingInfo t) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode td = f.objectNode();
        td.put("@context", CONTEXT);
        td.put("id", "urn:piot:" + t.node() + ":" + t.id());
        td.put("title", t.id() + " on " + t.node());
        td.put("@type", t.type());
        td.putObject("securityDefinitions").putObject("nosec_sc").put("scheme", "nosec");
        td.put("security", "nosec_sc");
        ObjectNode props = td.putObject("properties");
        ObjectNode events = td.putObject("events");
        String base = "piot:" + t.node() + "/" + t.id() + "/";
        for (ThingInfo.Key k : t.keys()) {
            ObjectNode p = props.putObject(k.key()).put("type", "number").put("readOnly", true).put("observable", true);
            if (!k.unit().isEmpty()) {
                p.put("unit", k.unit());
            }
            p.putArray("forms").addObject().put("href", base + k.key()).putArray("op")
                    .add("readproperty").add("observeproperty");
            ObjectNode data = events.putObject(k.key()).putObject("data").put("type", "number");
            if (!k.unit().isEmpty()) {
                data.put("unit", k.unit());
            }
            ((ObjectNode) events.get(k.key())).putArray("forms").addObject().put("href", base + k.key())
                    .put("op", "subscribeevent");
        }
        ObjectNode actions = td.putObject("actions");
        for (ThingInfo.Action a : t.actions()) {
            ObjectNode an = actions.putObject(a.name());
            if (!a.inputType().equals("null")) {
                ObjectNode input = an.putObject("input").put("type", a.inputType());
                if (Double.isFinite(a.min())) {
                    input.put("minimum", a.min());
                }
                if (Double.isFinite(a.max())) {
                    input.put("maximum", a.max());
                }
            }
            an.putArray("forms").addObject().put("href", base + a.name() + "/set").put("op", "invokeaction");
        }
        return td;
    }
}
