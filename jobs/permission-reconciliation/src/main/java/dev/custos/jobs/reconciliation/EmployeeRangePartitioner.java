package dev.custos.jobs.reconciliation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.results.ResultsSchema;

/**
 * Splits the review of the staged grants into ranges of employee id holding about as many employees
 * each, so that one large grant file still spreads over the workers. A range holds every staged row
 * of its employees: the database compares the bounds as it groups the rows, so each distinct grant,
 * with all its rows, is reviewed in exactly one range and the findings are those of one review of
 * everything. The ranges come from the staged rows alone, so a restart splits them the same way.
 */
final class EmployeeRangePartitioner implements Partitioner {

    /** The range's first employee id (absent: from the first). */
    static final String FROM = "fromEmployee";
    /** The next range's first employee id (absent: to the last). */
    static final String TO = "toEmployee";

    private static final String EMPLOYEES = """
            SELECT COUNT(DISTINCT employee_id) FROM {results}.rc_grant_stage WHERE job_instance_id = ?""";
    private static final String EMPLOYEE_IDS = """
            SELECT employee_id FROM {results}.rc_grant_stage WHERE job_instance_id = ?
            GROUP BY employee_id ORDER BY employee_id""";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;
    private final long jobInstanceId;

    EmployeeRangePartitioner(JdbcTemplate jdbc, ResultsSchema schema, long jobInstanceId) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.jobInstanceId = jobInstanceId;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        long employees = jdbc.queryForObject(schema.sql(EMPLOYEES), Long.class, jobInstanceId);
        long perRange = Math.max(1, (employees + gridSize - 1) / gridSize);
        List<String> starts = new ArrayList<>();
        long[] seen = {0};
        jdbc.query(schema.sql(EMPLOYEE_IDS), rs -> {
            if (seen[0] > 0 && seen[0] % perRange == 0) {
                starts.add(rs.getString(1));
            }
            seen[0]++;
        }, jobInstanceId);
        Map<String, ExecutionContext> ranges = new LinkedHashMap<>();
        for (int i = 0; i <= starts.size(); i++) {
            ExecutionContext range = new ExecutionContext();
            if (i > 0) {
                range.putString(FROM, starts.get(i - 1));
            }
            if (i < starts.size()) {
                range.putString(TO, starts.get(i));
            }
            ranges.put("range" + i, range);
        }
        return ranges;
    }

    /**
     * {@code grantsUnderReview} cut to one range: the grants whose employee id is from {@code from}
     * (null: the first) to before {@code to} (null: the last). Both null: the query as it is.
     */
    static String withinRange(String grantsUnderReview, String from, String to) {
        if (from == null && to == null) {
            return grantsUnderReview;
        }
        String bounds = from != null && to != null ? "r.employee_id >= ? AND r.employee_id < ?"
                : from != null ? "r.employee_id >= ?" : "r.employee_id < ?";
        return "SELECT r.* FROM (" + grantsUnderReview + ") r WHERE " + bounds
                + " ORDER BY r.employee_id, r.system, r.permission";
    }
}
