package dev.custos.jobs.reconciliation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.job.PublishContext;
import dev.custos.common.job.ResultsPublication;
import dev.custos.common.outbox.CsvFileWriter;
import dev.custos.common.results.KpiTarget;
import dev.custos.common.results.Metric;
import dev.custos.common.results.ResultsSchema;

/**
 * Figures and files of permission-reconciliation, from its staging and finding rows and the
 * {@link ReviewCounts}.
 */
final class PermissionReconciliationPublication implements ResultsPublication {

    static final String GRANTS = "grants";
    static final String FINDINGS = "findings";
    static final String FINDINGS_NEW = "findings_new";
    static final String FINDINGS_PERSISTING = "findings_persisting";
    static final String FINDINGS_RESOLVED = "findings_resolved";
    static final String LEAVERS_WITH_ACCESS = "leavers_with_access";
    static final KpiTarget LEAVERS_KPI = new KpiTarget(LEAVERS_WITH_ACCESS, Metric.COUNT, 0);
    static final String MAX_DAYS_DEPARTED = "max_days_departed_with_access";
    static final String CLEAN_SHARE = "clean_share";
    static final String DAYS = "days";
    static final String REVOCATIONS_FILE = "revocations.csv";

    private static final String ACCEPTED_ROSTER_AND_POLICY = """
            SELECT (SELECT COUNT(*) FROM {results}.rc_employee_stage WHERE job_instance_id = ?)
                 + (SELECT COUNT(*) FROM {results}.rc_entitlement_stage WHERE job_instance_id = ?)""";
    private static final String FINDINGS_BY_RULE_AND_STATUS = """
            SELECT rule, status, COUNT(*) FROM {results}.reconciliation_finding
            WHERE job_instance_id = ? GROUP BY rule, status""";
    private static final String LEAVERS = """
            SELECT COUNT(DISTINCT employee_id), MAX(days_departed) FROM {results}.reconciliation_finding
            WHERE job_instance_id = ? AND rule = 'LEAVER_ACCESS'""";
    private static final String PREVIOUS_INSTANCE =
            "SELECT job_instance_id FROM {results}.period_result WHERE job = ? AND period = ?";
    private static final String RESOLVED = """
            SELECT COUNT(*) FROM {results}.reconciliation_finding p
            WHERE p.job_instance_id = ? AND NOT EXISTS
              (SELECT 1 FROM {results}.reconciliation_finding c
               WHERE c.job_instance_id = ? AND c.employee_id = p.employee_id AND c.system = p.system
                 AND c.permission = p.permission)""";
    private static final String REVOCATIONS = """
            SELECT employee_id, system, permission, rule, status FROM {results}.reconciliation_finding
            WHERE job_instance_id = ? ORDER BY employee_id, system, permission""";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final ResultsSchema schema;

    /**
     * @param streaming a template with a fetch size, so that the revocation list is streamed from
     *                  the database instead of loaded whole
     */
    PermissionReconciliationPublication(JdbcTemplate jdbc, JdbcTemplate streaming, ResultsSchema schema) {
        this.jdbc = jdbc;
        this.streaming = streaming;
        this.schema = schema;
    }

    /** The staged roster and policy rows, and the staged grant rows the review counted. */
    @Override
    public long acceptedRows(PublishContext context) {
        long id = context.jobInstanceId();
        return jdbc.queryForObject(schema.sql(ACCEPTED_ROSTER_AND_POLICY), Long.class, id, id) + ReviewCounts.grantRows();
    }

    @Override
    public List<Metric> metrics(PublishContext context) {
        long instance = context.jobInstanceId();
        long grants = ReviewCounts.grants();
        Map<FindingRule, Long> byRule = new EnumMap<>(FindingRule.class);
        Map<FindingStatus, Long> byStatus = new EnumMap<>(FindingStatus.class);
        jdbc.query(schema.sql(FINDINGS_BY_RULE_AND_STATUS), rs -> {
            byRule.merge(FindingRule.valueOf(rs.getString(1)), rs.getLong(3), Long::sum);
            byStatus.merge(FindingStatus.valueOf(rs.getString(2)), rs.getLong(3), Long::sum);
        }, instance);
        long findings = byRule.values().stream().mapToLong(Long::longValue).sum();

        List<Metric> metrics = new ArrayList<>();
        metrics.add(Metric.count(GRANTS, grants));
        metrics.add(Metric.count(FINDINGS, findings));
        for (FindingRule rule : FindingRule.values()) {
            metrics.add(Metric.count(FINDINGS + "." + rule.name(), byRule.getOrDefault(rule, 0L)));
        }
        metrics.add(Metric.count(FINDINGS_NEW, byStatus.getOrDefault(FindingStatus.NEW, 0L)));
        metrics.add(Metric.count(FINDINGS_PERSISTING, byStatus.getOrDefault(FindingStatus.PERSISTING, 0L)));
        metrics.add(resolved(context));
        metrics.addAll(leavers(context));
        if (grants == 0) {
            metrics.add(Metric.missing(CLEAN_SHARE, Metric.RATIO, "no grant in the exports for " + context.period()));
        } else {
            metrics.add(Metric.ratio(CLEAN_SHARE, (double) (grants - findings) / grants));
        }
        return metrics;
    }

    /** Last month's findings that are no longer found: revoked, or no longer a finding. */
    private Metric resolved(PublishContext context) {
        String previousMonth = context.period().previous().toString();
        Optional<Long> previous = jdbc.query(schema.sql(PREVIOUS_INSTANCE), (rs, i) -> rs.getLong(1),
                context.job(), previousMonth).stream().findFirst();
        if (previous.isEmpty()) {
            return Metric.missing(FINDINGS_RESOLVED, Metric.COUNT,
                    "no published results for " + previousMonth + " to compare with");
        }
        return Metric.count(FINDINGS_RESOLVED, jdbc.queryForObject(schema.sql(RESOLVED), Long.class,
                previous.get(), context.jobInstanceId()));
    }

    private List<Metric> leavers(PublishContext context) {
        return jdbc.queryForObject(schema.sql(LEAVERS), (rs, i) -> {
            long leavers = rs.getLong(1);
            Number maxDays = (Number) rs.getObject(2);
            Metric leaversKpi = Metric.kpiAtMost(LEAVERS_WITH_ACCESS, leavers, Metric.COUNT, LEAVERS_KPI.target());
            Metric longest = maxDays == null
                    ? Metric.missing(MAX_DAYS_DEPARTED, DAYS, "no leaver holds access at the end of " + context.period())
                    : Metric.of(MAX_DAYS_DEPARTED, maxDays.doubleValue(), DAYS);
            return List.of(leaversKpi, longest);
        }, context.jobInstanceId());
    }

    @Override
    public void writeFiles(PublishContext context, List<Metric> metrics) {
        try (CsvFileWriter revocations = CsvFileWriter.forPeople(context.folder().resolve(REVOCATIONS_FILE),
                "employee_id", "system", "permission", "reason", "status")) {
            streaming.query(schema.sql(REVOCATIONS), rs -> {
                revocations.row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
            }, context.jobInstanceId());
        }
    }
}
