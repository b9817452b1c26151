package dev.custos.common.job;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.csv.ParsedRow;
import dev.custos.common.results.ResultsRepository;

/**
 * Writes a chunk of parsed rows: accepted rows into the job's staging table, rejected rows into
 * the reject table, both in the chunk's transaction. A crash loses the chunk as a whole and the
 * restart reads it again, so no row is counted twice or lost.
 *
 * <p>On MariaDB the accepted rows of a chunk go in as one {@code LOAD DATA LOCAL INFILE} streamed
 * from memory ({@link LoadDataStaging}), on the chunk's connection and so in its transaction; on
 * other databases (H2 for the demo), or a MariaDB connection without {@code allowLocalInfile}, as
 * a JDBC batch of the INSERT. The binder sets the same columns either way.
 */
public class StagingWriter<T> implements ItemWriter<ParsedRow<T>> {

    private final JdbcTemplate jdbc;
    private final ResultsRepository results;
    private final String insertSql;
    private final StagingBinder<T> binder;
    private final LoadDataStaging loadData;
    private volatile Boolean streamed;

    public StagingWriter(JdbcTemplate jdbc, ResultsRepository results, String insertSql, StagingBinder<T> binder) {
        this.jdbc = jdbc;
        this.results = results;
        this.insertSql = insertSql;
        this.binder = binder;
        this.loadData = LoadDataStaging.of(insertSql);
    }

    @Override
    public void write(Chunk<? extends ParsedRow<T>> chunk) {
        long jobInstanceId = currentJobInstanceId();
        List<ParsedRow.Accepted<T>> accepted = new ArrayList<>(chunk.size());
        List<ParsedRow.Rejected<?>> rejected = new ArrayList<>();
        for (ParsedRow<T> row : chunk) {
            if (row instanceof ParsedRow.Accepted<T> a) {
                accepted.add(a);
            } else if (row instanceof ParsedRow.Rejected<T> r) {
                rejected.add(r);
            }
        }
        if (!accepted.isEmpty()) {
            if (streamed()) {
                jdbc.execute((ConnectionCallback<Void>) connection -> {
                    loadData.load(connection, accepted, jobInstanceId, binder);
                    return null;
                });
            } else {
                jdbc.batchUpdate(insertSql, accepted, accepted.size(),
                        (statement, row) -> binder.bind(new PreparedStatementRow(statement), jobInstanceId, row));
            }
        }
        results.insertRejects(jobInstanceId, rejected);
    }

    /** Whether this database takes the rows as a {@code LOAD DATA} stream, asked once. */
    private boolean streamed() {
        Boolean known = streamed;
        if (known == null) {
            known = jdbc.execute((ConnectionCallback<Boolean>) LoadDataStaging::supportedOn);
            streamed = known;
        }
        return known;
    }

    static long currentJobInstanceId() {
        var context = StepSynchronizationManager.getContext();
        if (context == null) {
            throw new IllegalStateException("StagingWriter used outside a step");
        }
        return context.getStepExecution().getJobExecution().getJobInstanceId();
    }

    private record PreparedStatementRow(PreparedStatement statement) implements StagingRow {

        @Override
        public void setLong(int column, long value) throws SQLException {
            statement.setLong(column, value);
        }

        @Override
        public void setInt(int column, int value) throws SQLException {
            statement.setInt(column, value);
        }

        @Override
        public void setString(int column, String value) throws SQLException {
            statement.setString(column, value);
        }

        @Override
        public void setDate(int column, LocalDate value) throws SQLException {
            if (value == null) {
                statement.setNull(column, Types.DATE);
            } else {
                statement.setDate(column, Date.valueOf(value));
            }
        }

        @Override
        public void setNull(int column, int sqlType) throws SQLException {
            statement.setNull(column, sqlType);
        }
    }
}
