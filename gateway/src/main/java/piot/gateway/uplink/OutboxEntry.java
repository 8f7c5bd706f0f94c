package piot.gateway.uplink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import piot.gateway.router.Parsed;
import piot.gateway.router.RouterCodec;
import piot.gateway.router.RouterMessage;
import piot.gateway.router.RouterMessage.ActionStatus;
import piot.gateway.router.RouterMessage.EventMessage;

/**
 * What the bridge keeps in holding for the broker: one event of a node, or one action status.
 *
 * <p>Stored form (UTF-8): a header line {@code piot-mqtt/1 TYPE NODE\n} followed by the router's
 * JSON body of the message ({@link RouterCodec}), so holding's bytes stay readable and the topic
 * and payload are rendered at publish time (when the message id and the historical flag are known).
 */
sealed interface OutboxEntry {
    String MAGIC = "piot-mqtt/1";

    String node();

    record Event(String node, EventMessage event) implements OutboxEntry {}

    record Status(ActionStatus status) implements OutboxEntry {
        public String node() {
            return status.node();
        }
    }

    static byte[] encode(OutboxEntry e) {
        RouterMessage m = switch (e) {
            case Event ev -> ev.event();
            case Status st -> st.status();
        };
        byte[] header = (MAGIC + " " + m.type() + " " + e.node() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = RouterCodec.encode(m);
        byte[] out = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, out, header.length, body.length);
        return out;
    }

    /** Decodes stored bytes; never throws. */
    static Parsed<OutboxEntry> decode(byte[] bytes) {
        if (bytes == null) {
            return new Parsed.Malformed<>("no bytes");
        }
        int nl = -1;
        for (int i = 0; i < Math.min(bytes.length, 128); i++) {
            if (bytes[i] == '\n') {
                nl = i;
                break;
            }
        }
        if (nl < 0) {
            return new Parsed.Malformed<>("no header line");
        }
        String[] header = new String(bytes, 0, nl, StandardCharsets.UTF_8).split(" ", -1);
        if (header.length != 3 || !MAGIC.equals(header[0])) {
            return new Parsed.Malformed<>("header is not '" + MAGIC + " TYPE NODE'");
        }
        byte[] body = Arrays.copyOfRange(bytes, nl + 1, bytes.length);
        Parsed<RouterMessage> m = RouterCodec.decode(header[1], body);
        return switch (m) {
            case Parsed.Malformed<RouterMessage> bad -> new Parsed.Malformed<>(bad.reason());
            case Parsed.Ok<RouterMessage> ok -> switch (ok.value()) {
                case EventMessage ev -> new Parsed.Ok<>(new Event(header[2], ev));
                case ActionStatus st -> new Parsed.Ok<>(new Status(st));
                default -> new Parsed.Malformed<>("type " + header[1] + " is not kept in the MQTT outbox");
            };
        };
    }
}
