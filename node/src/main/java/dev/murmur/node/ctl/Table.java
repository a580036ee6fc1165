package dev.murmur.node.ctl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Aligned text columns for the CLI: a header row, then one row per item. */
final class Table {
    private static final int GAP = 2;
    /** Long cells (payloads) are cut so a row stays on one line. */
    private static final int MAX_CELL = 60;

    private final List<String[]> rows = new ArrayList<>();

    Table(String... headers) {
        rows.add(headers);
    }

    Table row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            String s = cells[i] == null ? "-" : String.valueOf(cells[i]).replace('\n', ' ');
            r[i] = s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 1) + "…" : s;
        }
        rows.add(r);
        return this;
    }

    int size() {
        return rows.size() - 1;
    }

    void print(PrintWriter out) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(r[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(width[i] - r[i].length() + GAP));
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }
}
