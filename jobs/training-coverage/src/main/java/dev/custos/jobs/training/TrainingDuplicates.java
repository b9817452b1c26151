package dev.custos.jobs.training;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.results.ResultsSchema;

/**
 * Rejects a repeated {@code employee_id} in the roster or {@code course_id} in the requirements
 * at its later line (the first line stands), moving those rows from staging to the rejects.
 */
final class TrainingDuplicates {

    private static final String REJECT_REPEATED = """
            INSERT INTO {results}.reject (job_instance_id, file, line, reason)
            SELECT d.job_instance_id, d.file, d.line,
                   CONCAT('repeated %2$s (first at line ', f.first_line, ')')
            FROM {results}.%1$s d
            JOIN (SELECT %2$s, MIN(line) AS first_line FROM {results}.%1$s
                  WHERE job_instance_id = ? GROUP BY %2$s HAVING COUNT(*) > 1) f ON f.%2$s = d.%2$s
            WHERE d.job_instance_id = ? AND d.line > f.first_line""";
    private static final String DELETE_REJECTED = """
            DELETE FROM {results}.%1$s WHERE job_instance_id = ? AND EXISTS
              (SELECT 1 FROM {results}.reject r WHERE r.job_instance_id = %1$s.job_instance_id
                 AND r.file = %1$s.file AND r.line = %1$s.line)""";
    private static final String SELECT_REQUIREMENTS = """
            SELECT course_id, title, audience FROM {results}.tc_requirement_stage
            WHERE job_instance_id = ? ORDER BY course_id""";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;

    TrainingDuplicates(JdbcTemplate jdbc, ResultsSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    void rejectRepeatedIds(long jobInstanceId) {
        rejectRepeated("tc_employee_stage", "employee_id", jobInstanceId);
        rejectRepeated("tc_requirement_stage", "course_id", jobInstanceId);
    }

    private void rejectRepeated(String table, String idColumn, long jobInstanceId) {
        jdbc.update(schema.sql(REJECT_REPEATED.formatted(table, idColumn)), jobInstanceId, jobInstanceId);
        jdbc.update(schema.sql(DELETE_REJECTED.formatted(table)), jobInstanceId);
    }

    List<Requirement> requirements(long jobInstanceId) {
        return jdbc.query(schema.sql(SELECT_REQUIREMENTS), (rs, i) -> new Requirement(rs.getString(1),
                rs.getString(2), Audience.parse(rs.getString(3))), jobInstanceId);
    }
}
