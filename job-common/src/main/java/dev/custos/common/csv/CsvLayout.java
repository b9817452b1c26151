package dev.custos.common.csv;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The columns an input file must and may have. Columns are matched against the header by name,
 * trimmed and ignoring case, so exports may order them freely and add columns of their own.
 *
 * @param file            the file name, or the glob for a file that may come in several parts
 *                        (e.g. {@code access_grants*.csv}); used to find the files and in messages
 * @param requiredColumns columns the header must have, in the order the contract lists them
 * @param optionalColumns columns the header may lack; a row reads them as blank then
 */
public record CsvLayout(String file, List<String> requiredColumns, List<String> optionalColumns) {

    public CsvLayout {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("a CSV layout needs a file name");
        }
        requiredColumns = List.copyOf(requiredColumns);
        optionalColumns = List.copyOf(optionalColumns);
        Set<String> seen = new HashSet<>();
        Stream.concat(requiredColumns.stream(), optionalColumns.stream()).forEach(column -> {
            if (column.isBlank() || !seen.add(normalize(column))) {
                throw new IllegalArgumentException("layout of " + file + " names column '" + column + "' twice or blank");
            }
        });
    }

    /** A layout whose columns are all required. */
    public static CsvLayout of(String file, String... requiredColumns) {
        return new CsvLayout(file, List.of(requiredColumns), List.of());
    }

    /** This layout with {@code columns} added as optional. */
    public CsvLayout withOptional(String... columns) {
        return new CsvLayout(file, requiredColumns, Stream.concat(optionalColumns.stream(), Stream.of(columns)).toList());
    }

    /** The form under which column names are compared: trimmed and lower-case. */
    static String normalize(String column) {
        return column.strip().toLowerCase(Locale.ROOT);
    }
}
