package dev.custos.jobs.backup.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * The sample check of a backed-up table: a few of its rows, as written into the archive, are
 * decoded the way a restore decodes them ({@link TsvRows}), bound the way a restore loads them
 * ({@link ColumnTypes#bind}), and compared on the database with the source row, inside the backup's
 * own snapshot (so rows changed since do not count), column by column.
 *
 * <p>Verification proves that the stored archive is the one written, byte for byte; this proves that
 * what was written loads back as the source's values, so that a defect in how values are written
 * (as {@code 08:55:07.073} written as {@code 08:55:07.73000}) fails the run instead of passing as
 * verified. The comparison is the database's, not the backup's own formatting: a temporal, float or
 * double value is compared as a value ({@code <=>}), text and binary data by their bytes
 * ({@code HEX}), decimals and integers also by their exact text.
 */
final class SampleCheck {

    /** {@code %1$s} the comparisons, {@code %2$s} the table, {@code %3$s} the key condition. */
    static final String SELECT_BY_KEY = "SELECT %1$s FROM %2$s WHERE %3$s";
    /** {@code %1$s} the comparisons, {@code %2$s} the table, {@code %3$s} the sort order: the row at a position. */
    static final String SELECT_AT = "SELECT %1$s FROM %2$s ORDER BY %3$s OFFSET ? ROWS FETCH FIRST 1 ROWS ONLY";

    private final Connection connection;
    private final TableDefinition definition;
    private final boolean mariadb;
    private final String sql;
    private final List<Integer> keyColumns;
    /** No usable primary key: the source row is the one at the sampled row's position in the backup's order. */
    private final boolean byPosition;

    /**
     * @param quote         quotes an identifier on this database
     * @param qualifiedTable the source table, schema-qualified and quoted
     */
    SampleCheck(Connection connection, TableDefinition definition, boolean mariadb, UnaryOperator<String> quote,
                String qualifiedTable) {
        this.connection = connection;
        this.definition = definition;
        this.mariadb = mariadb;
        List<String> names = definition.columnNames();
        this.keyColumns = definition.primaryKey().stream().map(names::indexOf).toList();
        this.byPosition = keyColumns.isEmpty() || keyColumns.contains(-1);
        String comparisons = String.join(", ", definition.columns().stream()
                .map(column -> "CASE WHEN " + comparison(column, quote.apply(column.name())) + " THEN 1 ELSE 0 END")
                .toList());
        this.sql = byPosition
                ? SELECT_AT.formatted(comparisons, qualifiedTable,
                        String.join(", ", definition.orderBy().stream().map(quote).toList()))
                : SELECT_BY_KEY.formatted(comparisons, qualifiedTable, String.join(" AND ",
                        definition.primaryKey().stream().map(key -> quote.apply(key) + " = ?").toList()));
    }

    /** A sampled row: its number in the table's backup order (from 1) and its line as written into its part. */
    record SampledRow(long number, byte[] line) {
    }

    /** Where a sampled row does not read back as the source holds it; names, never values. */
    record Mismatch(long row, String column, String problem) {
    }

    /** The first mismatch of the sampled rows, in row order; empty when every value reads back as the source's. */
    Optional<Mismatch> check(List<SampledRow> rows) throws SQLException {
        for (SampledRow row : rows) {
            List<byte[]> fields;
            try (TsvRows tsv = new TsvRows(new ByteArrayInputStream(row.line()))) {
                fields = tsv.next();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Optional<Mismatch> mismatch = compare(row.number(), fields);
            if (mismatch.isPresent()) {
                return mismatch;
            }
        }
        return Optional.empty();
    }

    /**
     * Compares one row's decoded fields ({@code null} = NULL, in the definition's column order) with
     * the source row: the one with the same primary key, or at the same position in the backup's
     * order for a table without one.
     */
    Optional<Mismatch> compare(long rowNumber, List<byte[]> fields) throws SQLException {
        List<TableDefinition.Column> columns = definition.columns();
        if (fields == null || fields.size() != columns.size()) {
            return Optional.of(new Mismatch(rowNumber, null, "has " + (fields == null ? 0 : fields.size())
                    + " fields, the table " + columns.size() + " columns"));
        }
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            int index = 1;
            for (int i = 0; i < columns.size(); i++) {
                for (int n = 0; n < parameters(columns.get(i)); n++) {
                    ColumnTypes.bind(query, index++, columns.get(i), fields.get(i), mariadb);
                }
            }
            if (byPosition) {
                query.setLong(index, rowNumber - 1);
            } else {
                for (int key : keyColumns) {
                    ColumnTypes.bind(query, index++, columns.get(key), fields.get(key), mariadb);
                }
            }
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return Optional.of(new Mismatch(rowNumber, null, byPosition
                            ? "is not in the source table at its position"
                            : "has a primary key (" + String.join(", ", definition.primaryKey())
                                    + ") that no source row has"));
                }
                for (int i = 0; i < columns.size(); i++) {
                    if (rs.getInt(i + 1) != 1) {
                        return Optional.of(new Mismatch(rowNumber, columns.get(i).name(),
                                "does not read back from the archive as the source holds it"));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A boolean SQL expression, true when the column equals its value as bound ({@link #parameters} of them). */
    private String comparison(TableDefinition.Column column, String quoted) {
        if (!mariadb) {
            return quoted + " IS NOT DISTINCT FROM ?";
        }
        return switch (ColumnValues.kind(column, true)) {
            case BYTES -> ColumnValues.isText(column)
                    ? "HEX(CONVERT(" + quoted + " USING utf8mb4)) <=> HEX(CONVERT(? USING utf8mb4))"
                    : "HEX(" + quoted + ") <=> HEX(?)";
            // as a value (a string converts to the column's type), and DECIMAL / BIGINT also as exact text,
            // since MariaDB compares those with a string as doubles
            case SERVER_TEXT -> "(" + quoted + " <=> ?) AND (CAST(" + quoted + " AS CHAR) <=> ?)";
            case FLOAT, LEGACY -> quoted + " <=> ?";
            case BIT -> "CAST(" + quoted + " AS UNSIGNED) <=> CAST(? AS UNSIGNED)";
        };
    }

    private int parameters(TableDefinition.Column column) {
        return mariadb && ColumnValues.kind(column, true) == ColumnValues.Kind.SERVER_TEXT ? 2 : 1;
    }

    /**
     * Chooses a table's sampled rows while they are written, without knowing how many there will be:
     * the first, the last, and {@code size - 2} of the others at random (reservoir sampling); all rows
     * of a table with no more than {@code size}. A row's line is copied only when it is chosen (and
     * the last row of each part, which may be the table's last).
     */
    static final class Sampler {

        private final int size;
        private final RandomGenerator random;
        private final List<SampledRow> reservoir = new ArrayList<>();
        private SampledRow first;
        private long rows;
        private long offered;
        /** The row written last, not yet known to be the table's last: at {@code pendingStart} in the part, or copied. */
        private int pendingStart = -1;
        private byte[] pendingLine;

        Sampler(int size, RandomGenerator random) {
            this.size = size;
            this.random = random;
        }

        /** A row was written into {@code part}: its line is from {@code start} to the part's end. */
        void written(TsvPart part, int start) {
            settlePending(part, start);
            rows++;
            pendingStart = start;
            pendingLine = null;
        }

        /** The part is about to be emptied: the row written last is copied, as it may be the table's last. */
        void partFull(TsvPart part) {
            if (pendingStart >= 0) {
                pendingLine = Arrays.copyOfRange(part.buffer(), pendingStart, part.size());
                pendingStart = -1;
            }
        }

        /** The table's sampled rows, in row order, once all rows are written ({@code part} holds the last ones). */
        List<SampledRow> finish(TsvPart part) {
            List<SampledRow> chosen = new ArrayList<>(reservoir);
            if (first != null) {
                chosen.add(first);
            }
            if (rows > 0) {
                byte[] last = pendingLine != null ? pendingLine
                        : Arrays.copyOfRange(part.buffer(), pendingStart, part.size());
                if (rows == 1 || size >= 2) {
                    chosen.add(new SampledRow(rows, last));
                }
            }
            chosen.sort(Comparator.comparingLong(SampledRow::number));
            return chosen;
        }

        /** The pending row is not the table's last: it ends at {@code end} (where the next row starts). */
        private void settlePending(TsvPart part, int end) {
            if (rows == 0) {
                return;
            }
            if (rows == 1) {
                first = new SampledRow(1, pendingLine(part, end));
                return;
            }
            int capacity = size - 2;
            if (capacity <= 0) {
                return;
            }
            offered++;
            if (reservoir.size() < capacity) {
                reservoir.add(new SampledRow(rows, pendingLine(part, end)));
            } else {
                long slot = random.nextLong(offered);
                if (slot < capacity) {
                    reservoir.set((int) slot, new SampledRow(rows, pendingLine(part, end)));
                }
            }
        }

        private byte[] pendingLine(TsvPart part, int end) {
            return pendingLine != null ? pendingLine : Arrays.copyOfRange(part.buffer(), pendingStart, end);
        }
    }
}
