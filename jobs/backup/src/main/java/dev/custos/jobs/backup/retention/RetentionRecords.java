package dev.custos.jobs.backup.retention;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

import dev.custos.common.results.ResultsSchema;

/**
 * What retention knows from the results schema: which backups were verified (the
 * {@code backup_object} rows of every run), and the {@code backup_retention} rows of the backups
 * each run deleted. The retention step reads and records in short transactions of its own
 * ({@code ownTransaction}, REQUIRES_NEW): a deletion's record is committed before the deletion,
 * and stays when a later one fails.
 */
public final class RetentionRecords {

    static final String TABLE = "backup_retention";

    /** As {@code BackupObjects} reads it: the latest, should a failed archive step have been retried. */
    private static final String BACKUP_OF_INSTANCE =
            "SELECT backup_id FROM {results}.backup_object WHERE job_instance_id = ? ORDER BY execution_id DESC";
    private static final String SELECT_VERIFIED = "SELECT backup_id, verified FROM {results}.backup_object";
    private static final String INSERT = """
            INSERT INTO {results}.backup_retention (job_instance_id, backup_id, backup_day, reason, deleted_at)
            VALUES (?, ?, ?, ?, ?)""";
    private static final String OF_INSTANCE = """
            SELECT backup_id, backup_day, reason FROM {results}.backup_retention
            WHERE job_instance_id = ? ORDER BY backup_day, backup_id""";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;
    private final TransactionOperations ownTransaction;

    public RetentionRecords(JdbcTemplate jdbc, ResultsSchema schema, TransactionOperations ownTransaction) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.ownTransaction = ownTransaction;
    }

    /** Every backup id some run recorded, and whether it was verified; a backup not here is unknown. */
    Map<String, Boolean> verifiedById() {
        Map<String, Boolean> verified = new HashMap<>();
        ownTransaction.executeWithoutResult(status -> jdbc.query(schema.sql(SELECT_VERIFIED), rs -> {
            verified.merge(rs.getString(1), rs.getBoolean(2), Boolean::logicalOr);
        }));
        return verified;
    }

    /** The backup the job instance wrote, if it recorded one. */
    Optional<String> backupOf(long jobInstanceId) {
        return ownTransaction.execute(status -> jdbc.queryForList(schema.sql(BACKUP_OF_INSTANCE), String.class,
                jobInstanceId)).stream().findFirst();
    }

    /**
     * Records, and commits, that this run deletes backup {@code id}, before it does: a later
     * failure leaves the record (the deletion is a fact once begun), and a restart of the step finds
     * the row already there and finishes the deletion.
     */
    void recordDeletion(long jobInstanceId, String id, LocalDate day, RetentionRule.Reason reason, Instant at) {
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.update(schema.sql(INSERT), jobInstanceId, id,
                    day == null ? null : Date.valueOf(day), reason.code(), Timestamp.from(at)));
        } catch (DuplicateKeyException e) {
            // recorded by an earlier attempt of this step, whose deletion is being finished
        }
    }

    /** The backups the job instance deleted, oldest day first. */
    public List<Deletion> ofInstance(long jobInstanceId) {
        return jdbc.query(schema.sql(OF_INSTANCE), (rs, i) -> new Deletion(rs.getString(1),
                rs.getDate(2) == null ? null : rs.getDate(2).toLocalDate(), rs.getString(3)), jobInstanceId);
    }

    /** One deleted backup, as {@code retention.csv} lists it. */
    public record Deletion(String id, LocalDate day, String reason) {
    }
}
