package dev.custos.common.csv;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.custos.common.InputFileException;

/** Where a file's header puts the columns of its {@link CsvLayout}. */
final class CsvHeader {

    private static final String NOT_A_HEADER = "the first row names none of the file's columns, so it does not look"
            + " like a header: export the file with its header row";

    private final int size;
    private final Map<String, Integer> indexByColumn;
    private final Set<String> layoutColumns;
    private final String file;

    private CsvHeader(String file, int size, Map<String, Integer> indexByColumn, Set<String> layoutColumns) {
        this.file = file;
        this.size = size;
        this.indexByColumn = indexByColumn;
        this.layoutColumns = layoutColumns;
    }

    /**
     * Finds the layout's columns among the header {@code cells}. Messages name the layout's columns,
     * not the cells found: a file without its header row would have its first data row (a name, an
     * e-mail) copied into the run's message otherwise, and a file that is not the export at all (say,
     * a password file saved under its name) its first line.
     *
     * @throws InputFileException when a required column is missing or a layout column is repeated
     */
    static CsvHeader of(String file, List<String> cells, CsvLayout layout) {
        Set<String> layoutColumns = Stream.concat(layout.requiredColumns().stream(), layout.optionalColumns().stream())
                .map(CsvLayout::normalize)
                .collect(Collectors.toUnmodifiableSet());
        Map<String, Integer> indexByColumn = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String column = CsvLayout.normalize(cells.get(i));
            if (layoutColumns.contains(column) && indexByColumn.putIfAbsent(column, i) != null) {
                throw new InputFileException(file + ": header has column '" + column + "' twice");
            }
        }
        List<String> missing = layout.requiredColumns().stream()
                .filter(column -> !indexByColumn.containsKey(CsvLayout.normalize(column)))
                .toList();
        if (!missing.isEmpty()) {
            throw new InputFileException(file + ": header lacks column" + (missing.size() > 1 ? "s " : " ")
                    + missing.stream().map(column -> "'" + column + "'").collect(Collectors.joining(", "))
                    + " (required: " + String.join(",", layout.requiredColumns()) + "; "
                    + (indexByColumn.isEmpty() ? NOT_A_HEADER : "the header has " + cells.size()
                    + " column" + (cells.size() == 1 ? "" : "s")) + ")");
        }
        return new CsvHeader(file, cells.size(), Map.copyOf(indexByColumn), layoutColumns);
    }

    /** The layout's name of the column at {@code index}, or {@code column N} (from 1) for one outside the layout. */
    String columnName(int index) {
        return indexByColumn.entrySet().stream()
                .filter(entry -> entry.getValue() == index)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("column " + (index + 1));
    }

    /** The number of fields every data record must have. */
    int size() {
        return size;
    }

    /**
     * The field index of {@code column}, or -1 for an optional column the header lacks.
     *
     * @throws IllegalArgumentException for a column outside the layout: a mistake in the mapper
     */
    int indexOf(String column) {
        String normalized = CsvLayout.normalize(column);
        Integer index = indexByColumn.get(normalized);
        if (index != null) {
            return index;
        }
        if (layoutColumns.contains(normalized)) {
            return -1;
        }
        throw new IllegalArgumentException("column '" + column + "' is not in the layout of " + file);
    }
}
