package piot.gateway.config;

import java.util.List;
import java.util.Optional;

/**
 * A YAML document as a tree that remembers where each node starts (1-based line and column), so
 * every validation problem can point at the offending text. Jackson's own tree forgets locations.
 */
sealed interface YamlNode {
    int line();

    int column();

    /** Short description of the node's kind for messages ("a mapping", "a list", "text 'x'"). */
    String describe();

    /** A mapping; keys keep file order and their own positions. */
    record Mapping(int line, int column, List<Entry> entries) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** One key of a mapping, located at the key. */
    record Entry(String key, int line, int column, YamlNode value) {}

    /** A sequence. */
    record Sequence(int line, int column, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar with its text as written and the kind YAML resolved it to. */
    record Scalar(int line, int column, String text, Kind kind) implements YamlNode {
        @Override
        public String describe() {
            return switch (kind) {
                case NULL -> "nothing";
                case INT, FLOAT -> "the number " + text;
                case BOOL -> "the boolean " + text;
                case STRING -> "the text '" + text + "'";
            };
        }
    }

    /** How YAML resolved a plain or quoted scalar. */
    enum Kind { STRING, INT, FLOAT, BOOL, NULL }
}
