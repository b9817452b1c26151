package dev.custos.jobs.keyrotation;

import java.sql.Date;
import java.time.LocalDate;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.results.ResultsSchema;

/** The staged key inventory of a run, counted in SQL. */
final class KeyRotationStaging {

    static final String INSERT_KEY = """
            INSERT INTO {results}.kr_key_stage (job_instance_id, key_id, file, line, rotated_on)
            VALUES (?, ?, ?, ?, ?)""";
    private static final String COUNT_KEYS = """
            SELECT COUNT(*) FROM {results}.kr_key_stage WHERE job_instance_id = ?""";
    private static final String COUNT_ROTATED_SINCE = """
            SELECT COUNT(*) FROM {results}.kr_key_stage WHERE job_instance_id = ? AND rotated_on >= ?""";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;

    KeyRotationStaging(JdbcTemplate jdbc, ResultsSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    long keys(long jobInstanceId) {
        return jdbc.queryForObject(schema.sql(COUNT_KEYS), Long.class, jobInstanceId);
    }

    long rotatedSince(long jobInstanceId, LocalDate since) {
        return jdbc.queryForObject(schema.sql(COUNT_ROTATED_SINCE), Long.class, jobInstanceId,
                Date.valueOf(since));
    }
}
