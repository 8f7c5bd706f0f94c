package piot.gateway.status;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, for the operator CLI. */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    /** A table with these column headings. */
    public Table(String... headings) {
        columns = headings.length;
        rows.add(headings);
    }

    /** Adds a row; missing cells are blank, {@code null} prints as {@code -}. */
    public Table row(Object... cells) {
        String[] r = new String[columns];
        for (int i = 0; i < columns; i++) r[i] = i < cells.length ? (cells[i] == null ? "-" : cells[i].toString()) : "";
        rows.add(r);
        return this;
    }

    /** The table, two spaces between columns, no trailing spaces, one line per row. */
    public String render() {
        int[] width = new int[columns];
        for (String[] r : rows) for (int i = 0; i < columns; i++) width[i] = Math.max(width[i], r[i].codePointCount(0, r[i].length()));
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(r[i]);
                if (i < columns - 1) line.append(" ".repeat(width[i] - r[i].codePointCount(0, r[i].length()) + 2));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }
}
