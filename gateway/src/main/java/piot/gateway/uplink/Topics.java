package piot.gateway.uplink;

import java.util.Optional;
import java.util.regex.Pattern;

/** The bridge's topic names under one prefix (see docs/mqtt.md). */
final class Topics {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    private final String prefix;

    Topics(String prefix) {
        this.prefix = prefix;
    }

    String status(String node) {
        return prefix + "/" + node + "/status";
    }

    String reading(String node, String thing, String key) {
        return prefix + "/" + node + "/" + thing + "/" + key;
    }

    String error(String node, String thing) {
        return prefix + "/" + node + "/" + thing + "/error";
    }

    String set(String node, String thing, String action) {
        return prefix + "/" + node + "/" + thing + "/" + action + "/set";
    }

    String actionStatus(String node, String thing, String action) {
        return prefix + "/" + node + "/" + thing + "/" + action + "/status";
    }

    /** The subscription for commands: this node's, or every node's. */
    String setFilter(String node, boolean all) {
        return prefix + "/" + (all ? "+" : node) + "/+/+/set";
    }

    /** The target of a command topic {@code PREFIX/NODE/THING/ACTION/set}. */
    record Target(String node, String thing, String action) {}

    /** The target named by {@code topic}, or empty when it is not a well-formed command topic. */
    Optional<Target> parseSet(String topic) {
        if (topic == null || !topic.startsWith(prefix + "/") || !topic.endsWith("/set")) {
            return Optional.empty();
        }
        String[] parts = topic.substring(prefix.length() + 1).split("/", -1);
        if (parts.length != 4 || !"set".equals(parts[3])) {
            return Optional.empty();
        }
        for (int i = 0; i < 3; i++) {
            if (!NAME.matcher(parts[i]).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(new Target(parts[0], parts[1], parts[2]));
    }
}
