package io.authsome.api.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows under column headings; the console aligns the columns.
 *
 * @param columns headings
 * @param rows    one list of cells per row, as many as there are columns ({@code null} prints empty)
 */
public record Table(List<String> columns, List<List<String>> rows) implements Block {
    public Table {
        columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " cells for " + columns.size() + " columns");
            }
            copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = List.copyOf(copy);
    }
}
