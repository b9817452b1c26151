package dev.custos.scheduler.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.custos.common.job.Control;
import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.report.Chart;
import dev.custos.common.report.KpiLine;
import dev.custos.common.report.KpiReport;
import dev.custos.common.report.HtmlReport;
import dev.custos.common.report.MarkdownReport;
import dev.custos.common.report.ReportSection;
import dev.custos.common.results.KpiStatus;
import dev.custos.common.results.KpiTarget;
import dev.custos.common.results.Metric;
import dev.custos.common.results.PeriodKpis;
import dev.custos.common.results.ResultsMigration;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.test.FixedPeriodKpis;
import dev.custos.common.test.TestDatabase;

/**
 * The report lays out what controls contribute through the seams, for controls it has never heard
 * of: a control's KPIs over the period and its section's lines under its job, and the sections'
 * charts in the order of their job names, whatever order the beans come in.
 */
class PeriodReportBuilderTest {

    private static final TestDatabase DATABASE = TestDatabase.create(PeriodReportBuilderTest.class);
    private static final Period MARCH = Period.parse("2026-03");
    private static final LocalDate TODAY = LocalDate.of(2026, 5, 1);

    private static JdbcTemplate jdbc;
    private static ResultsSchema schema;

    @TempDir
    Path outbox;

    @BeforeAll
    static void migrate() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(DATABASE.url(), TestDatabase.user(),
                TestDatabase.password());
        schema = new ResultsSchema(DATABASE.resultsSchema());
        ResultsMigration.migrate(dataSource, schema);
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    @Test
    void aControlsPeriodKpisAndSectionAreLaidOutUnderItsJobAndTheSectionsChartsInTheOrderOfTheirJobs() {
        PeriodKpis uptime = new FixedPeriodKpis("uptime-check", "uptime", "Uptime", "Uptime checks", 0.95, 0.97);
        ReportSection uptimeSection = new Section("uptime-check", "Checks per month");
        ReportSection anotherSection = new Section("another-check", "Another chart");

        KpiReport report = new PeriodReportBuilder(jdbc, schema, List.of(), List.of(uptime),
                List.of(uptimeSection, anotherSection)).build(MARCH, TODAY, Instant.parse("2026-05-01T08:00:00Z"), outbox);

        assertThat(report.sections()).extracting(KpiReport.Section::heading).as("a section without lines adds no table")
                .containsExactly("uptime-check");
        assertThat(report.sections().get(0).lines()).extracting(line -> line.period() + " " + line.metric().name())
                .as("the KPI over the period first, then the section's own lines")
                .containsExactly("2026-03 uptime", "2026-03 uptime_checks");
        assertThat(report.charts()).extracting(Chart::title).containsExactly("Another chart 2026-03",
                "Checks per month 2026-03");
        assertThat(MarkdownReport.render(report)).contains("## uptime-check")
                .contains("| 2026-03 | uptime | 97.0% | ≥ 95.0% | ✅ met |")
                .contains("## Checks per month 2026-03");
    }

    @Test
    void alertsRaisedAboutPeriodsInItAreListedWithTheirDeliveriesInMarkdownAndHtml() {
        KpiReport none = new PeriodReportBuilder(jdbc, schema, List.of(), List.of(), List.of())
                .build(MARCH, TODAY, Instant.parse("2026-05-01T08:00:00Z"), outbox);
        assertThat(MarkdownReport.render(none)).contains("## Alerts in the period\n\nNone: no alert was raised");

        alert("run-failed:backup:2026-03-10", "RUN_FAILED", "backup", "2026-03-10", "RESOLVED",
                "The latest run of backup for 2026-03-10 ended FAILED (execution 7)", "2026-03-10 02:00:00",
                "2026-03-10 09:30:00");
        alert("overdue:access-review:2026-04", "OVERDUE", "access-review", "2026-04", "OPEN", "not in March",
                "2026-05-06 00:00:00", null);
        delivery("run-failed:backup:2026-03-10#1:FIRING", "run-failed:backup:2026-03-10", "webhook", true);
        delivery("run-failed:backup:2026-03-10#1:FIRING", "run-failed:backup:2026-03-10", "mail", false);
        try {
            KpiReport report = new PeriodReportBuilder(jdbc, schema, List.of(), List.of(), List.of())
                    .build(MARCH, TODAY, Instant.parse("2026-05-01T08:00:00Z"), outbox);

            assertThat(report.alerts()).containsExactly(new KpiReport.AlertNote("run-failed:backup:2026-03-10",
                    "RUN_FAILED", "backup", "2026-03-10", "RESOLVED", "2026-03-10T02:00:00Z", "2026-03-10T09:30:00Z",
                    "The latest run of backup for 2026-03-10 ended FAILED (execution 7)", 1, 1));
            assertThat(MarkdownReport.render(report)).contains("## Alerts in the period").contains(
                    "| run-failed:backup:2026-03-10 | RUN_FAILED | backup | 2026-03-10 | RESOLVED | 2026-03-10T02:00:00Z "
                            + "| 2026-03-10T09:30:00Z | The latest run of backup for 2026-03-10 ended FAILED (execution 7) "
                            + "| 1 | 1 |");
            assertThat(HtmlReport.render(report)).contains("<h2>Alerts in the period</h2>")
                    .contains("<td>run-failed:backup:2026-03-10</td>").doesNotContain("overdue:access-review");
        } finally {
            jdbc.update(schema.sql("DELETE FROM {results}.alert_delivery"));
            jdbc.update(schema.sql("DELETE FROM {results}.alert"));
        }
    }

    private static void alert(String key, String kind, String job, String period, String state, String summary,
                              String openedAt, String resolvedAt) {
        jdbc.update(schema.sql("""
                INSERT INTO {results}.alert (incident_key, kind, job, period, state, occurrence, summary, opened_at_utc,
                  resolved_at_utc) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)"""), key, kind, job, period, state, summary,
                openedAt, resolvedAt);
    }

    private static void delivery(String idempotencyKey, String incident, String channel, boolean delivered) {
        jdbc.update(schema.sql("""
                INSERT INTO {results}.alert_delivery (idempotency_key, incident_key, channel, state, body, attempts,
                  created_at_utc, delivered_at_utc) VALUES (?, ?, ?, 'FIRING', '{}', 1, '2026-03-10 02:00:00', ?)"""),
                idempotencyKey, incident, channel, delivered ? "2026-03-10 02:00:01" : null);
    }

    @Test
    void aPeriodOverWithoutARunHasEachKpiItsControlDeclaresMissingAndCounted() {
        Control weekly = new MonthlyControl("access-review", List.of(new KpiTarget("reviewed", Metric.RATIO, 1.0),
                new KpiTarget("overdue", Metric.COUNT, 0)));
        Control silent = new MonthlyControl("log-check", List.of());

        KpiReport report = new PeriodReportBuilder(jdbc, schema, List.of(weekly, silent), List.of(), List.of())
                .build(MARCH, TODAY, Instant.parse("2026-05-01T08:00:00Z"), outbox);

        assertThat(report.sections()).extracting(KpiReport.Section::heading).containsExactly("access-review", "log-check");
        assertThat(report.sections().get(0).lines()).extracting(line -> line.metric().name() + " "
                + line.status().orElseThrow() + " " + line.metric().missingReason())
                .containsExactly("reviewed MISSING no completed access-review run for 2026-03",
                        "overdue MISSING no completed access-review run for 2026-03");
        assertThat(report.sections().get(1).lines()).as("a control without declared KPIs: one line, no KPI")
                .extracting(line -> line.metric().name() + " " + line.status().isPresent()).containsExactly("run false");
        assertThat(report.tally()).isEqualTo(new KpiStatus.Tally(0, 0, 2));
    }

    @Test
    void theExecutiveSummaryHasOneRowPerControlWithTheSentenceAndLabelsItsSectionGives() {
        Control reviewed = new MonthlyControl("access-review", List.of(new KpiTarget("reviewed", Metric.RATIO, 1.0)));
        Control silent = new MonthlyControl("log-check", List.of(new KpiTarget("checked", Metric.RATIO, 1.0)));
        ReportSection review = new ReportSection() {
            @Override
            public String jobName() {
                return "access-review";
            }

            @Override
            public String title() {
                return "Access review";
            }

            @Override
            public Optional<String> label(String figure) {
                return figure.equals("reviewed") ? Optional.of("Accounts reviewed") : Optional.empty();
            }

            @Override
            public Optional<String> action(Period period, LocalDate today, KpiLine latest) {
                return Optional.of("Ask the owners of " + latest.period() + " to review their accounts.");
            }
        };

        KpiReport report = new PeriodReportBuilder(jdbc, schema, List.of(reviewed, silent), List.of(), List.of(review))
                .build(MARCH, TODAY, Instant.parse("2026-05-01T08:00:00Z"), outbox);

        assertThat(report.summary()).extracting(KpiReport.ControlSummary::control).containsExactly("Access review",
                "log-check");
        KpiReport.ControlSummary first = report.summary().get(0);
        assertThat(first.latest().label()).isEqualTo("Accounts reviewed");
        assertThat(first.latest().status()).contains(KpiStatus.MISSING);
        assertThat(first.action()).isEqualTo("Ask the owners of 2026-03 to review their accounts.");
        assertThat(report.summary().get(1).action()).as("the report's own sentence where the control has none")
                .isEqualTo("checked of 2026-03 is missing (no completed log-check run for 2026-03): run the control "
                        + "for it or record why it did not run.");
        assertThat(report.sections()).extracting(KpiReport.Section::heading)
                .containsExactly("Access review (access-review)", "log-check");
        assertThat(report.subtitle()).endsWith("generated 2026-05-01T08:00:00Z.");
    }

    /** A monthly control known by its name and KPIs only. */
    private record MonthlyControl(String jobName, List<KpiTarget> kpis) implements Control {

        @Override
        public PeriodType periodType() {
            return PeriodType.MONTH;
        }

        @Override
        public String defaultCron() {
            return "0 0 5 1 * ?";
        }

        @Override
        public List<String> detailTables() {
            return List.of();
        }

        @Override
        public List<String> stagingTables() {
            return List.of();
        }
    }

    /** A section with one line and one chart of the period. */
    private record Section(String jobName, String chartTitle) implements ReportSection {

        @Override
        public List<KpiLine> lines(Period period, LocalDate today) {
            return jobName.equals("uptime-check")
                    ? List.of(KpiLine.of(jobName, period.toString(), Metric.count("uptime_checks", 31)))
                    : List.of();
        }

        @Override
        public List<Chart> charts(Period period, LocalDate today) {
            return List.of(Chart.single(chartTitle + " " + period, Metric.COUNT, null, List.of("x"), List.of(1.0)));
        }
    }
}
