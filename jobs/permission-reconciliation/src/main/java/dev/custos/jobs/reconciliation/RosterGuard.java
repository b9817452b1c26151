package dev.custos.jobs.reconciliation;

import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.period.Period;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.roster.RosterFile;

/**
 * Stops a run whose roster lists no employee, or fewer than {@code minRosterShare} of the
 * employees the previous month's published run accepted (its roster rows read less the rows
 * rejected), before any grant is reviewed.
 */
final class RosterGuard {

    private static final String EMPLOYEES = "SELECT COUNT(*) FROM {results}.rc_employee_stage WHERE job_instance_id = ?";
    private static final String PREVIOUS_EMPLOYEES = """
            SELECT f.rows_read - (SELECT COUNT(*) FROM {results}.reject r
                                  WHERE r.job_instance_id = f.job_instance_id AND r.file = f.file)
            FROM {results}.period_result p
            JOIN {results}.input_file f ON f.job_instance_id = p.job_instance_id
            WHERE p.job = ? AND p.period = ? AND f.file = ?""";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;
    private final double minRosterShare;

    RosterGuard(JdbcTemplate jdbc, ResultsSchema schema, double minRosterShare) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.minRosterShare = minRosterShare;
    }

    /** @throws SuspiciousRosterException when the roster is empty or shrank below the share */
    void check(long jobInstanceId, Period month) {
        long employees = jdbc.queryForObject(schema.sql(EMPLOYEES), Long.class, jobInstanceId);
        if (employees == 0) {
            throw new SuspiciousRosterException(RosterFile.NAME + " lists no employee (no row, or every row rejected):"
                    + " every grant would be an unknown identity, so " + month + " was not reconciled. Check the HR"
                    + " export and run the period again with --rerun");
        }
        Optional<Long> previous = previousEmployees(month.previous());
        if (previous.isPresent() && employees < minRosterShare * previous.get()) {
            throw new SuspiciousRosterException(("%s lists %d employees, fewer than %s of the %d of %s: a partial HR"
                    + " export would flag everyone missing as an unknown identity, so %s was not reconciled. Check the"
                    + " export and run the period again with --rerun; if the workforce really shrank, lower"
                    + " custos.reconciliation.min-roster-share for that run").formatted(RosterFile.NAME, employees,
                    percent(minRosterShare), previous.get(), month.previous(), month));
        }
    }

    private Optional<Long> previousEmployees(Period previousMonth) {
        return jdbc.query(schema.sql(PREVIOUS_EMPLOYEES), (rs, i) -> rs.getLong(1),
                PermissionReconciliationJobConfig.JOB_NAME, previousMonth.toString(), RosterFile.NAME)
                .stream().findFirst();
    }

    private static String percent(double share) {
        return Math.round(share * 100) + "%";
    }
}
