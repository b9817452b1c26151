package dev.custos.jobs.training;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.job.PublishContext;
import dev.custos.common.job.ResultsPublication;
import dev.custos.common.outbox.CsvFileWriter;
import dev.custos.common.period.Period;
import dev.custos.common.results.KpiTarget;
import dev.custos.common.results.Metric;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.results.RunWarning;

/** Figures and files of training-coverage, from its detail rows. */
final class TrainingCoveragePublication implements ResultsPublication {

    static final String IN_SCOPE = "in_scope";
    static final String COVERED = "covered";
    static final String COVERAGE = "coverage";
    static final String NO_COMPLETION_IN_PERIOD = "no_completion_in_period";
    static final KpiTarget COVERAGE_KPI = new KpiTarget(COVERAGE, Metric.RATIO, 1.0);
    static final String GAPS_FILE = "gaps.csv";
    static final String DEPARTMENTS_FILE = "coverage_by_department.csv";

    private static final String ACCEPTED = """
            SELECT (SELECT COUNT(*) FROM {results}.tc_employee_stage WHERE job_instance_id = ?)
                 + (SELECT COUNT(*) FROM {results}.tc_requirement_stage WHERE job_instance_id = ?)
                 + (SELECT COUNT(*) FROM {results}.tc_completion_stage WHERE job_instance_id = ?)""";
    private static final String COMPLETION_DATES = """
            SELECT COUNT(*), SUM(CASE WHEN completed_on BETWEEN ? AND ? THEN 1 ELSE 0 END), MIN(completed_on),
                   MAX(completed_on)
            FROM {results}.tc_completion_stage WHERE job_instance_id = ?""";
    private static final String BY_DEPARTMENT = """
            SELECT MIN(department) AS department, COUNT(*) AS in_scope,
                   SUM(CASE WHEN covered THEN 1 ELSE 0 END) AS covered
            FROM {results}.training_coverage WHERE job_instance_id = ?
            GROUP BY LOWER(department) ORDER BY LOWER(department)""";
    private static final String GAPS = """
            SELECT employee_id, full_name, department, missing_courses FROM {results}.training_coverage
            WHERE job_instance_id = ? AND NOT covered ORDER BY employee_id""";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;

    TrainingCoveragePublication(JdbcTemplate jdbc, ResultsSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    @Override
    public long acceptedRows(PublishContext context) {
        long id = context.jobInstanceId();
        return jdbc.queryForObject(schema.sql(ACCEPTED), Long.class, id, id, id);
    }

    @Override
    public List<Metric> metrics(PublishContext context) {
        List<DepartmentCoverage> departments = departments(context.jobInstanceId());
        long inScope = departments.stream().mapToLong(DepartmentCoverage::inScope).sum();
        long covered = departments.stream().mapToLong(DepartmentCoverage::covered).sum();
        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.count(IN_SCOPE, inScope));
        metrics.add(Metric.count(COVERED, covered));
        if (inScope == 0) {
            metrics.add(COVERAGE_KPI.missing("no employee in scope for " + context.period()));
        } else {
            metrics.add(Metric.kpiAtLeast(COVERAGE, (double) covered / inScope, Metric.RATIO, COVERAGE_KPI.target()));
        }
        for (DepartmentCoverage department : departments) {
            metrics.add(Metric.ratio(COVERAGE + "." + department.department(), department.coverage()));
        }
        return metrics;
    }

    /**
     * A quarter without a single completion dated inside it is flagged: most likely the export of
     * another quarter (its coverage would read 0 with nothing else to say why).
     */
    @Override
    public List<RunWarning> warnings(PublishContext context) {
        Period quarter = context.period();
        return jdbc.query(schema.sql(COMPLETION_DATES), (rs, i) -> {
            long completions = rs.getLong(1);
            long inQuarter = rs.getLong(2);
            if (inQuarter > 0) {
                return null;
            }
            String dates = completions == 0 ? "none"
                    : rs.getDate(3).toLocalDate() + ".." + rs.getDate(4).toLocalDate();
            String found = completions == 0 ? "has no accepted completion at all"
                    : "has %d completion%s, all dated %s to %s, none in %s".formatted(completions,
                    completions == 1 ? "" : "s", rs.getDate(3).toLocalDate(), rs.getDate(4).toLocalDate(), quarter);
            return new RunWarning(NO_COMPLETION_IN_PERIOD, dates, ("%s %s, so no course counts as done in it: is it "
                    + "another period's export? Put %s's export in the period's folder and run it again with --rerun")
                    .formatted(TrainingInputs.COMPLETIONS, found, quarter));
        }, Date.valueOf(quarter.start()), Date.valueOf(quarter.end()), context.jobInstanceId())
                .stream().filter(Objects::nonNull).toList();
    }

    @Override
    public void writeFiles(PublishContext context, List<Metric> metrics) {
        try (CsvFileWriter gaps = CsvFileWriter.forPeople(context.folder().resolve(GAPS_FILE),
                "employee_id", "full_name", "department", "missing_courses")) {
            jdbc.query(schema.sql(GAPS), rs -> {
                gaps.row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
            }, context.jobInstanceId());
        }
        try (CsvFileWriter byDepartment = CsvFileWriter.forPeople(context.folder().resolve(DEPARTMENTS_FILE),
                "department", "in_scope", "covered", "coverage")) {
            for (DepartmentCoverage d : departments(context.jobInstanceId())) {
                byDepartment.row(d.department(), d.inScope(), d.covered(), d.coverage());
            }
        }
    }

    private List<DepartmentCoverage> departments(long jobInstanceId) {
        return jdbc.query(schema.sql(BY_DEPARTMENT), (rs, i) -> new DepartmentCoverage(rs.getString(1),
                rs.getLong(2), rs.getLong(3)), jobInstanceId);
    }

    record DepartmentCoverage(String department, long inScope, long covered) {
        double coverage() {
            return Math.round((double) covered / inScope * 10_000) / 10_000.0;
        }
    }
}
