package piot.gateway.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Text renderings of API answers for the operator CLI (pure: JSON in, text out). */
public final class Reports {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private Reports() {}

    /** {@code GET /api/node} as one line. */
    public static String node(JsonNode n) {
        String line = "node " + n.path("name").asText() + "  network " + n.path("network").asText() + "  v" + n.path("version").asText()
                + "  up " + uptime(n.path("uptimeSeconds").asLong()) + "  health " + n.path("health").asText();
        StringBuilder b = new StringBuilder(line).append('\n');
        for (JsonNode p : n.path("problems")) b.append("  ! ").append(p.asText()).append('\n');
        return b.toString();
    }

    /** {@code GET /api/peers} as a table. */
    public static String peers(JsonNode peers, ZoneId zone) {
        if (peers.isEmpty()) return "no peers\n";
        Table t = new Table("PEER", "ADDRESS", "SESSION", "SINCE", "HOLDING", "RTT", "VIA");
        for (JsonNode p : peers) {
            t.row(p.path("name").asText(), text(p.path("address")), p.path("state").asText(), time(p.path("since").asText(), zone),
                    p.path("holdingDepth").asLong(), p.path("rttMs").isNull() ? null : String.format("%.0f ms", p.path("rttMs").asDouble()),
                    text(p.path("via")));
        }
        return t.render();
    }

    /** {@code GET /api/things} as a table, one line per key. */
    public static String things(JsonNode things, ZoneId zone) {
        if (things.isEmpty()) return "no things\n";
        Table t = new Table("THING", "TYPE", "KEY", "VALUE", "AT", "ACTIONS");
        for (JsonNode th : things) {
            String name = th.path("node").asText() + "/" + th.path("thing").asText();
            StringBuilder actions = new StringBuilder();
            for (JsonNode a : th.path("actions")) {
                if (!actions.isEmpty()) actions.append(", ");
                actions.append(a.path("name").asText());
                StringBuilder choices = new StringBuilder();
                for (JsonNode c : a.path("choices")) choices.append(choices.isEmpty() ? " " : "|").append(c.asText());
                actions.append(choices);
            }
            JsonNode keys = th.path("keys");
            if (keys.isEmpty()) t.row(name, th.path("type").asText(), null, null, null, actions);
            boolean first = true;
            for (JsonNode k : keys) {
                String value = k.path("value").isNull() ? "-" : k.path("value").asText() + unit(k.path("unit").asText());
                String at = k.path("ts").isNull() ? null : time(k.path("ts").asText(), zone) + (k.path("historical").asBoolean() ? " (remembered)" : "");
                t.row(first ? name : "", first ? th.path("type").asText() : "", k.path("key").asText(), value, at, first ? actions : "");
                first = false;
            }
        }
        return t.render();
    }

    /** One action status update as a line: time, status, detail. */
    public static String update(JsonNode u, ZoneId zone) {
        String at;
        try {
            at = CLOCK.format(Instant.parse(u.path("at").asText()).atZone(zone));
        } catch (DateTimeParseException e) {
            at = u.path("at").asText();
        }
        String detail = u.path("detail").asText();
        return at + "  " + u.path("status").asText() + (detail.isEmpty() ? "" : "  " + detail);
    }

    static String uptime(long s) {
        Duration d = Duration.ofSeconds(s);
        if (d.toDays() > 0) return d.toDays() + "d " + d.toHoursPart() + "h";
        if (d.toHours() > 0) return d.toHours() + "h " + String.format("%02dm", d.toMinutesPart());
        return d.toMinutes() + "m " + String.format("%02ds", d.toSecondsPart());
    }

    private static String unit(String u) {
        return u.isEmpty() ? "" : " " + u;
    }

    private static String text(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? null : n.asText();
    }

    private static String time(String iso, ZoneId zone) {
        try {
            return TIME.format(Instant.parse(iso).atZone(zone));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}
