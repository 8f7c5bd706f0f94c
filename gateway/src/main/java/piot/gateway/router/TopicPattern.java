package piot.gateway.router;

import java.util.List;

/**
 * A subscription pattern over {@code NODE/THING/KEY}, as in MQTT: {@code +} matches exactly one
 * level, {@code #} (last level only) matches the rest, including nothing. Examples:
 * {@code barn-1/air/temperature}, {@code +/air/+}, {@code barn-1/#}, {@code #}.
 */
public record TopicPattern(String text) {
    /** For trusted text only: throws {@link IllegalArgumentException} with the reason; see {@link #parse}. */
    public TopicPattern {
        String problem = problem(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Matches every event of the mesh. */
    public static final TopicPattern ALL = new TopicPattern("#");

    /** Parses and validates a pattern; the reason names the offending level and what is allowed. */
    public static Parsed<TopicPattern> parse(String text) {
        String problem = problem(text);
        return problem == null ? Parsed.ok(new TopicPattern(text)) : Parsed.malformed(problem);
    }

    /** The levels, e.g. {@code [+, air, #]}. */
    public List<String> levels() {
        return List.of(text.split("/", -1));
    }

    private static String problem(String text) {
        if (text == null || text.isEmpty()) {
            return "empty pattern: expected NODE/THING/KEY with + or # wildcards";
        }
        if (text.length() > 200) {
            return "pattern longer than 200 characters";
        }
        List<String> levels = List.of(text.split("/", -1));
        if (levels.size() > 3) {
            return "pattern '" + Names.clip(text) + "' has " + levels.size() + " levels: at most 3 (NODE/THING/KEY)";
        }
        for (int i = 0; i < levels.size(); i++) {
            String l = levels.get(i);
            boolean last = i == levels.size() - 1;
            if (l.equals("#")) {
                if (!last) {
                    return "pattern '" + Names.clip(text) + "': '#' is allowed only as the last level";
                }
            } else if (!l.equals("+") && !Names.isName(l)) {
                return "pattern '" + Names.clip(text) + "': level " + (i + 1) + " '" + Names.clip(l)
                        + "' must be a name ([a-z][a-z0-9_-]{0,31}), '+' or '#'";
            }
        }
        if (levels.size() < 3 && !levels.getLast().equals("#")) {
            return "pattern '" + Names.clip(text) + "' has " + levels.size()
                    + " levels: expected NODE/THING/KEY, or end it with '#'";
        }
        return null;
    }

    /** Whether the event {@code node/thing/key} matches. */
    public boolean matches(String node, String thing, String key) {
        String[] topic = {node, thing, key};
        List<String> levels = levels();
        for (int i = 0; i < levels.size(); i++) {
            String l = levels.get(i);
            if (l.equals("#")) {
                return true;
            }
            if (!l.equals("+") && !l.equals(topic[i])) {
                return false;
            }
        }
        return true;
    }

    /** The node this pattern is limited to, or empty when its first level is a wildcard. */
    public java.util.Optional<String> node() {
        String first = levels().getFirst();
        return first.equals("+") || first.equals("#") ? java.util.Optional.empty() : java.util.Optional.of(first);
    }

    @Override
    public String toString() {
        return text;
    }
}
