package dev.custos.jobs.reconciliation;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.results.ResultsSchema;

/**
 * The set-based bookkeeping between import and review: a repeated {@code employee_id} in the
 * roster is rejected at its later line (the first line stands), and the policy is read back for
 * the rule.
 */
final class ReconciliationStaging {

    private static final String REJECT_REPEATED_EMPLOYEES = """
            INSERT INTO {results}.reject (job_instance_id, file, line, reason)
            SELECT d.job_instance_id, d.file, d.line,
                   CONCAT('repeated employee_id (first at line ', f.first_line, ')')
            FROM {results}.rc_employee_stage d
            JOIN (SELECT employee_id, MIN(line) AS first_line FROM {results}.rc_employee_stage
                  WHERE job_instance_id = ? GROUP BY employee_id HAVING COUNT(*) > 1) f
              ON f.employee_id = d.employee_id
            WHERE d.job_instance_id = ? AND d.line > f.first_line""";
    private static final String DELETE_REJECTED_EMPLOYEES = """
            DELETE FROM {results}.rc_employee_stage WHERE job_instance_id = ? AND EXISTS
              (SELECT 1 FROM {results}.reject r WHERE r.job_instance_id = rc_employee_stage.job_instance_id
                 AND r.file = rc_employee_stage.file AND r.line = rc_employee_stage.line)""";
    private static final String SELECT_ENTITLEMENTS = """
            SELECT DISTINCT role, system, permission FROM {results}.rc_entitlement_stage WHERE job_instance_id = ?""";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;

    ReconciliationStaging(JdbcTemplate jdbc, ResultsSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    void rejectRepeatedEmployees(long jobInstanceId) {
        jdbc.update(schema.sql(REJECT_REPEATED_EMPLOYEES), jobInstanceId, jobInstanceId);
        jdbc.update(schema.sql(DELETE_REJECTED_EMPLOYEES), jobInstanceId);
    }

    Entitlements entitlements(long jobInstanceId) {
        return Entitlements.of(jdbc.query(schema.sql(SELECT_ENTITLEMENTS),
                (rs, i) -> new Entitlement(rs.getString(1), rs.getString(2), rs.getString(3)), jobInstanceId));
    }
}
