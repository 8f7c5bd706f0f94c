package piot.gateway.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one file, so validation reports them all at once. */
final class Problems {
    private final String file;
    private final List<ConfigProblem> list = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void at(int line, int column, String message) {
        list.add(new ConfigProblem(file, line, column, message));
    }

    void at(YamlNode node, String message) {
        at(node.line(), node.column(), message);
    }

    void at(YamlNode.Entry entry, String message) {
        at(entry.line(), entry.column(), message);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int size() {
        return list.size();
    }

    /** Problems sorted by position; equal positions keep the order they were found in. */
    List<ConfigProblem> sorted() {
        List<ConfigProblem> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
        return List.copyOf(copy);
    }
}
