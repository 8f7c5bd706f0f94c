package piot.gateway.router;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Whom an RPC goes to, as in pnet's CommandNode: one node, a list of nodes, or {@code *} for every
 * known node (this one included). Written {@code barn-1}, {@code barn-1,house-1} or {@code *}.
 */
public sealed interface Targets {
    record One(String node) implements Targets {}

    record Several(List<String> nodes) implements Targets {
        public Several {
            nodes = List.copyOf(nodes);
        }
    }

    record All() implements Targets {}

    /** Parses the written form; names must be node names, at most 64 in a list. */
    static Parsed<Targets> parse(String text) {
        if (text == null || text.isBlank()) {
            return Parsed.malformed("no target: expected a node name, a comma-separated list of names, or *");
        }
        if (text.equals("*")) {
            return Parsed.ok(new All());
        }
        List<String> names = List.of(text.split(",", -1)).stream().map(String::strip).toList();
        if (names.size() > 64) {
            return Parsed.malformed("more than 64 targets");
        }
        for (String n : names) {
            String bad = Names.checkName("target", n);
            if (bad != null) {
                return Parsed.malformed(bad + ", or * for every node");
            }
        }
        return Parsed.ok(names.size() == 1 ? new One(names.getFirst()) : new Several(names.stream().distinct().toList()));
    }

    /** The target nodes, given every node known to this one (and this one). */
    default List<String> resolve(String self, Collection<String> known) {
        return switch (this) {
            case One one -> List.of(one.node());
            case Several several -> several.nodes();
            case All all -> {
                TreeSet<String> every = new TreeSet<>(known);
                every.add(self);
                yield List.copyOf(every);
            }
        };
    }
}
