package dev.custos.jobs.backup.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.custos.common.checksum.Sha256;


/**
 * A table's content as the backup wrote it, re-exported from a database: the rows in the same
 * order and {@link TsvPart} text, cut after the same row counts as the backup's parts, each part's
 * SHA-256. Equal to the manifest's part entries exactly when the table holds the backed-up rows.
 *
 * @param rows       rows read from the table (all of them, also past the last cut)
 * @param partSha256 SHA-256 of each part, header line included, in part order
 */
public record TableChecksum(long rows, List<String> partSha256) {

    private static final int FETCH_SIZE = 1000;

    /**
     * Reads the table with {@code select} (its columns in the definition's order, selected as
     * {@link JdbcSnapshot#selectList} does, sorted by its {@code orderBy}) and hashes it cut into parts
     * of {@code partRows} rows each.
     */
    static TableChecksum of(Connection connection, String select, TableDefinition definition, List<Long> partRows,
                            boolean mariadb) throws SQLException {
        List<JdbcSnapshot.Reader> readers = definition.columns().stream()
                .map(column -> ColumnValues.reader(column, mariadb, false)).toList();
        TsvPart part = new TsvPart(64 * 1024, definition.columnNames());
        List<String> hashes = new ArrayList<>();
        long rows = 0;
        int partIndex = 0;
        try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = statement.executeQuery(select)) {
                partIndex = cutFullParts(partRows, partIndex, part, hashes);
                while (rs.next()) {
                    rows++;
                    if (partIndex >= partRows.size()) {
                        continue; // more rows than the backup had: counted, not hashed
                    }
                    for (int i = 0; i < readers.size(); i++) {
                        readers.get(i).append(rs, i + 1, part);
                    }
                    part.endRow();
                    partIndex = cutFullParts(partRows, partIndex, part, hashes);
                }
            }
        }
        if (partIndex < partRows.size()) {
            hashes.add(Sha256.of(part.buffer(), 0, part.size()));
        }
        return new TableChecksum(rows, List.copyOf(hashes));
    }

    /** Closes the current part (and any following empty one) once it holds its rows. */
    private static int cutFullParts(List<Long> partRows, int partIndex, TsvPart part, List<String> hashes) {
        while (partIndex < partRows.size() && part.rows() == partRows.get(partIndex)) {
            hashes.add(Sha256.of(part.buffer(), 0, part.size()));
            part.restart();
            partIndex++;
        }
        return partIndex;
    }
}
