package piot.gateway.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * A config bundle: one or more device files in one YAML stream, separated by lines of
 * {@code ---}, one per node (the node is named by its own {@code node.name}). One signed bundle
 * serves a whole site: each node applies its own document. A bundle with a document that is not
 * YAML or names no node is refused as a whole, by every node.
 */
public final class ConfigBundle {
    private static final YAMLMapper YAML = new YAMLMapper();

    private ConfigBundle() {}

    /** The picked document, padded with empty lines so problems report the bundle's line numbers. */
    sealed interface Pick {
        record Found(String paddedText, String text) implements Pick {}

        record Problem(String reason) implements Pick {}
    }

    /**
     * Every problem of every document, as a node would report it (FILE:LINE:COLUMN: …); empty
     * when each document is a valid device file. What {@code piot config push} checks before sending.
     */
    public static List<String> problems(java.nio.file.Path where, String bundle) {
        List<String> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int[] d : docs(bundle.split("\n", -1))) {
            String[] lines = bundle.split("\n", -1);
            String text = "\n".repeat(d[0]) + String.join("\n", java.util.Arrays.copyOfRange(lines, d[0], d[1])) + "\n";
            switch (piot.gateway.config.ConfigLoader.parse(where, text.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                case piot.gateway.config.LoadResult.Invalid bad -> bad.problems().forEach(p -> out.add(p.toString()));
                case piot.gateway.config.LoadResult.Loaded ok -> {
                    if (names.contains(ok.config().node().name())) {
                        out.add(where + ":" + (d[0] + 1) + ": a second document for node " + ok.config().node().name());
                    }
                    names.add(ok.config().node().name());
                }
            }
        }
        if (names.isEmpty() && out.isEmpty()) {
            out.add(where + ": no device file in the bundle");
        }
        return out;
    }

    private static List<int[]> docs(String[] lines) {
        List<int[]> docs = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= lines.length; i++) {
            if (i == lines.length || lines[i].strip().equals("---")) {
                if (i > start && !String.join("\n", java.util.Arrays.copyOfRange(lines, start, i)).isBlank()) {
                    docs.add(new int[] {start, i});
                }
                start = i + 1;
            }
        }
        return docs;
    }

    static Pick pick(String bundle, String node) {
        String[] lines = bundle.split("\n", -1);
        List<int[]> docs = docs(lines);
        Pick found = null;
        for (int[] d : docs) {
            String text = String.join("\n", java.util.Arrays.copyOfRange(lines, d[0], d[1])) + "\n";
            String name;
            try {
                JsonNode n = YAML.readTree(text);
                name = n == null ? "" : n.path("node").path("name").asText("");
            } catch (java.io.IOException e) {
                return new Pick.Problem("the document at line " + (d[0] + 1) + " is not YAML: " + e.getMessage().lines().findFirst().orElse(""));
            }
            if (name.isEmpty()) {
                return new Pick.Problem("the document at line " + (d[0] + 1) + " names no node (node.name)");
            }
            if (name.equals(node)) {
                if (found != null) {
                    return new Pick.Problem("two documents for node " + node);
                }
                found = new Pick.Found("\n".repeat(d[0]) + text, text);
            }
        }
        return found != null ? found : new Pick.Problem("the bundle has no document for node " + node);
    }
}
