package dev.custos.jobs.backup;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.results.ResultsSchema;

/** The {@code backup_drill} rows of the results schema: restore drills that passed. */
final class RestoreDrills {

    private static final String DELETE = "DELETE FROM {results}.backup_drill WHERE job_instance_id = ?";
    private static final String INSERT = """
            INSERT INTO {results}.backup_drill (job_instance_id, backup_id, drilled_at, scratch_schema, tables_checked,
                   rows_checked, files_restored, drill_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String OF_INSTANCE = """
            SELECT backup_id, drilled_at, scratch_schema, tables_checked, rows_checked, files_restored, drill_ms
            FROM {results}.backup_drill WHERE job_instance_id = ?""";
    private static final String WITH_PERIOD = """
            SELECT r.period, d.backup_id, d.drilled_at, d.scratch_schema, d.tables_checked, d.rows_checked,
                   d.files_restored, d.drill_ms
            FROM {results}.backup_drill d
            JOIN (SELECT DISTINCT job_instance_id, period FROM {results}.run) r ON r.job_instance_id = d.job_instance_id
            ORDER BY r.period DESC, d.drilled_at DESC""";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;

    RestoreDrills(JdbcTemplate jdbc, ResultsSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /** Records the job instance's passed drill (replacing one an earlier execution of it recorded). */
    void record(long jobInstanceId, Drill drill) {
        jdbc.update(schema.sql(DELETE), jobInstanceId);
        jdbc.update(schema.sql(INSERT), jobInstanceId, drill.backupId(), Timestamp.from(drill.drilledAt()),
                drill.scratchSchema(), drill.tables(), drill.rows(), drill.files(), drill.millis());
    }

    Optional<Drill> ofInstance(long jobInstanceId) {
        return jdbc.query(schema.sql(OF_INSTANCE), (rs, i) -> new Drill(rs.getString("backup_id"),
                rs.getTimestamp("drilled_at").toInstant(), rs.getString("scratch_schema"), rs.getInt("tables_checked"),
                rs.getLong("rows_checked"), rs.getLong("files_restored"), rs.getLong("drill_ms")), jobInstanceId)
                .stream().findFirst();
    }

    /** The latest drill of each period that had one, newest period first. */
    List<OfPeriod> lastOfEachPeriod() {
        Map<String, OfPeriod> latest = new LinkedHashMap<>();
        jdbc.query(schema.sql(WITH_PERIOD), rs -> {
            latest.putIfAbsent(rs.getString("period"), new OfPeriod(rs.getString("period"), new Drill(
                    rs.getString("backup_id"), rs.getTimestamp("drilled_at").toInstant(), rs.getString("scratch_schema"),
                    rs.getInt("tables_checked"), rs.getLong("rows_checked"), rs.getLong("files_restored"),
                    rs.getLong("drill_ms"))));
        });
        return List.copyOf(latest.values());
    }

    record OfPeriod(String period, Drill drill) {
    }

    /** A drill that passed: the backup restored, its tables loaded into the scratch schema and matching. */
    record Drill(String backupId, Instant drilledAt, String scratchSchema, int tables, long rows, long files,
                 long millis) {
    }
}
