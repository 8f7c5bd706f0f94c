package piot.gateway.fleet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** The {@code --to} of a push: {@code NODE}, {@code NODE,NODE,…} or {@code *} (every node this one knows, but itself). */
public final class Targets {
    private Targets() {}

    /** The node names {@code spec} means; throws with a reason for an empty list or a bad name. */
    public static List<String> resolve(String spec, Collection<String> known, String self) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("--to is empty: give NODE, NODE,NODE or *");
        }
        if (spec.strip().equals("*")) {
            TreeSet<String> all = new TreeSet<>(known);
            all.remove(self);
            if (all.isEmpty()) {
                throw new IllegalArgumentException("* matches no node: this node knows no other node yet");
            }
            return new ArrayList<>(all);
        }
        TreeSet<String> out = new TreeSet<>();
        for (String n : spec.split(",")) {
            String name = n.strip();
            if (!name.matches("[a-z][a-z0-9_-]{0,31}")) {
                throw new IllegalArgumentException("not a node name: '" + name + "'");
            }
            out.add(name);
        }
        return new ArrayList<>(out);
    }
}
