package dev.custos.scheduler.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.custos.common.period.Period;
import dev.custos.jobs.reconciliation.sample.ReconciliationSampleData;
import dev.custos.jobs.rollup.sample.AuditRollupSampleData;
import dev.custos.jobs.training.sample.TrainingSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;

/**
 * {@code custos report} on a results schema filled by real runs through the command line: two
 * quarters of training coverage, two months of reconciliation (one rerun), a failed month and the
 * year's rollup; every other period of 2025 has no run, so its figures must read as missing.
 */
class ReportCommandTest {

    @TempDir
    static Path home;

    private static Installation installation;
    private static long failedExecution;

    @BeforeAll
    static void fillTheResultsWithRealRuns() throws Exception {
        installation = Installation.create(ReportCommandTest.class, home);
        for (String quarter : new String[] {"2025-Q1", "2025-Q2"}) {
            Path inbox = home.resolve("inputs/training/" + quarter);
            TrainingSampleData.write(inbox, Period.parse(quarter), TrainingSampleData.Sizes.demo(), quarter.hashCode(), true);
            run("run", "training-coverage", "--period", quarter, "--inbox", inbox.toString());
        }
        for (String month : new String[] {"2025-01", "2025-02"}) {
            Path inbox = home.resolve("inputs/reconciliation/" + month);
            ReconciliationSampleData.write(inbox, Period.parse(month), ReconciliationSampleData.Sizes.demo(), 11L,
                    month.hashCode(), true);
            run("run", "permission-reconciliation", "--period", month, "--inbox", inbox.toString());
        }
        run("run", "permission-reconciliation", "--period", "2025-02", "--rerun", "--inbox",
                home.resolve("inputs/reconciliation/2025-02").toString());
        CommandResult failed = installation.custos("run", "permission-reconciliation", "--period", "2025-03",
                "--inbox", Files.createDirectories(home.resolve("inputs/empty")).toString());
        assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(1);
        failedExecution = installation.runs("permission-reconciliation").stream()
                .filter(r -> r.period().equals("2025-03")).findFirst().orElseThrow().executionId();
        Path findings = home.resolve("inputs/rollup/2025");
        AuditRollupSampleData.write(findings, Period.parse("2025"), 1, 5L);
        run("run", "audit-rollup", "--period", "2025", "--inbox", findings.toString());
    }

    @AfterAll
    static void dropDatabase() {
        installation.close();
    }

    private static void run(String... args) {
        CommandResult result = installation.custos(args);
        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    @Test
    void yearReportListsEveryKpiWithTargetAndTrendAndMissingFiguresWithTheirReason() throws IOException {
        CommandResult result = installation.custos("report", "--period", "2025", "--format", "md");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        Path report = installation.outbox().resolve("report/2025/report.md");
        assertThat(result.out()).startsWith("KPI report 2025: ").contains("written: " + report);
        String md = Files.readString(report);
        double q2 = installation.publishedMetrics("training-coverage", "2025-Q2").get("coverage");
        assertThat(md).startsWith("# Custos KPI report 2025")
                .contains("## Training coverage (training-coverage)")
                .containsPattern("\\| 2025-Q2 \\| Training coverage \\| " + Pattern.quote(percent(q2)) + " \\| ≥ 100.0% \\| .* \\| "
                        + "[↑↓→] [^|]* vs 2025-Q1 \\(2025-Q1 [0-9.]+%\\) \\|")
                .contains("| 2025-Q3 | Training coverage | missing: no completed training-coverage run for 2025-Q3 | ≥ 100.0% | ⚠️ missing |")
                .contains("| 2025-03 | Leavers with access | missing: no completed permission-reconciliation run for "
                        + "2025-03 | ≤ 0 | ⚠️ missing |")
                .contains("| 2025-02 | Leavers with access |")
                .contains("| 2025 | Backup success rate | missing: no backups recorded, and custos.backup.due-from is not set |")
                .contains("| 2025 | Reduction of audit findings |");
        assertThat(md).as("failures and reruns").containsPattern(
                "\\| " + failedExecution + " \\| permission-reconciliation \\| 2025-03 \\| 0 \\| FAILED \\| "
                        + "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z \\| .*hr_roster.csv")
                .containsPattern("\\| \\d+ \\| permission-reconciliation \\| 2025-02 \\| 1 \\| COMPLETED \\|");
        assertThat(md).as("each link names where the file is kept")
                .contains("outbox: " + installation.outbox().resolve("training-coverage/2025-Q1/summary.json")
                        + "; blob store key: reports/training-coverage/2025-Q1/summary.json");
        assertThat(md).as("links relative to the report's folder")
                .contains("(../../training-coverage/2025-Q1/summary.json)")
                .contains("(../../permission-reconciliation/2025-02/revocations.csv)")
                .contains("(../../audit-rollup/2025/summary.html)");
        assertThat(installation.outbox().resolve(report.getParent()).resolve("../../training-coverage/2025-Q1/summary.json")
                .normalize()).isRegularFile();
        assertThat(installation.store().resolve("reports/report/2025/report.md")).hasSameTextualContentAs(report);
    }

    @Test
    void theYearsReportAndTheRollupsSummaryOfTheYearCountTheSameKpis() throws IOException {
        CommandResult result = installation.custos("report", "--period", "2025", "--format", "md");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        String report = headline(installation.outbox().resolve("report/2025/report.md"));
        String rollup = headline(installation.outbox().resolve("audit-rollup/2025/summary.md"));
        assertThat(report).isEqualTo(rollup);
        Matcher counts = Pattern.compile("\\*\\*(\\d+) KPIs met, (\\d+) missed, (\\d+) missing\\.\\*\\*").matcher(report);
        assertThat(counts.matches()).as(report).isTrue();
        int met = Integer.parseInt(counts.group(1));
        int missed = Integer.parseInt(counts.group(2));
        int missing = Integer.parseInt(counts.group(3));
        assertThat(met + missed + missing).as("coverage of 4 quarters, leavers of 12 months, the backup rate, the reduction")
                .isEqualTo(18);
        assertThat(missing).as("2 quarters, 10 months without a completed run, the year without backups")
                .isGreaterThanOrEqualTo(13);
        assertThat(result.out()).startsWith("KPI report 2025: %d met, %d missed, %d missing".formatted(met, missed, missing));
        assertThat(Files.readString(installation.outbox().resolve("report/2025/report.md")))
                .as("a figure without a target is listed, not counted")
                .containsPattern("\\| 2025-0[12] \\| Findings resolved \\| missing: [^|]+ \\|  \\|  \\|");
    }

    @Test
    void executionsShowTheRowsOfEachRunsSummaryNotTheItemsOfAllItsSteps() {
        CommandResult result = installation.custos("executions", "--job", "permission-reconciliation", "--period", "2025-01");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        Map<String, Double> summary = installation.publishedMetrics("permission-reconciliation", "2025-01");
        assertThat(result.outLines()).as(result.describe()).anyMatch(line -> line.matches(
                "\\d+ +permission-reconciliation +2025-01 +0 +COMPLETED .* rows_read=%d rows_accepted=%d rows_rejected=%d .*"
                        .formatted(summary.get("rows_read").longValue(), summary.get("rows_accepted").longValue(),
                                summary.get("rows_rejected").longValue())));
    }

    @Test
    void monthReportCoversTheMonthOnlyWithThePreviousMonthAsTrend() throws IOException {
        CommandResult result = installation.custos("report", "--period", "2025-02", "--format", "md");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        String md = Files.readString(installation.outbox().resolve("report/2025-02/report.md"));
        assertThat(md).contains("| 2025-02 | Leavers with access |", "vs 2025-01")
                .doesNotContain("| 2025-01 | Leavers with access |", "training-coverage", "| 2025-03 |")
                .contains("| 2025-02 | Backup success rate | missing: no backups recorded, and custos.backup.due-from is not set |");
    }

    @Test
    void htmlReportIsOneSelfContainedPageThatChromiumRendersWithItsCharts() throws Exception {
        Path out = home.resolve("mail/kpi-2025.html");

        CommandResult result = installation.custos("report", "--period", "2025", "--out", out.toString());

        assertThat(result.exitCode()).as(result.describe()).isZero();
        String html = Files.readString(out);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("@media print")
                .doesNotContain("<script", "<link", "<img", "src=", "url(")
                .contains("missing: no backups recorded, and custos.backup.due-from is not set");
        assertThat(installation.outbox().resolve("report/2025/report.html")).isRegularFile();
        assertThat(installation.store().resolve("reports/report/2025/report.html")).isRegularFile();

        String dom = Chromium.dumpDom(out);
        assertThat(count(dom, "<svg")).as("coverage, leavers, findings, backups, findings year over year, reduction, "
                + "per rule").isEqualTo(7);
        assertThat(dom).contains("Training coverage per quarter 2025", "Leavers with access per month 2025",
                "Reconciliation findings per month 2025", "Backup success per month 2025",
                "Audit findings by severity, 2024 vs 2025", "Reduction of audit findings per year",
                "Reconciliation findings per rule 2025");
        assertThat(dom).as("bars coloured and marked by their status").contains("class=\"bar missed\"", "✗ ")
                .contains(">target ≥ 100.0%</text>", ">target ≤ 0</text>");
        assertThat(dom).as("human labels").contains(">Jan</text>", ">Q1</text>", ">Critical</text>",
                ">Leaver access</text>").doesNotContain(">01</text>", ">CRITICAL</text>");

        List<Chromium.TextBox> boxes = Chromium.textBoxes(out);
        assertThat(boxes).as("texts of the seven charts").hasSizeGreaterThan(60);
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                Chromium.TextBox a = boxes.get(i);
                Chromium.TextBox b = boxes.get(j);
                assertThat(a.group().equals(b.group()) && a.overlaps(b)).as("'%s' overlaps '%s' in %s: %s %s",
                        a.text(), b.text(), a.group(), a, b).isFalse();
            }
        }

        Path png = Chromium.screenshot(out, buildDirectory().resolve("report-screenshots/kpi-2025.png"));
        assertThat(png).isRegularFile();
        assertThat(Files.size(png)).isGreaterThan(20_000);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(colours(image)).as("not a blank page").isGreaterThan(16);
    }

    @Test
    void theReportOpensWithAnExecutiveSummaryOfOneRowPerControlWithWhatToDo() throws IOException {
        CommandResult result = installation.custos("report", "--period", "2025-02", "--format", "html");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        String html = Files.readString(installation.outbox().resolve("report/2025-02/report.html"));
        long leavers = installation.publishedMetrics("permission-reconciliation", "2025-02").get("leavers_with_access")
                .longValue();
        assertThat(leavers).as("the sample's leavers").isPositive();
        assertThat(html.indexOf("<h2>Executive summary</h2>")).as("first, before the charts and tables")
                .isPositive().isLessThan(html.indexOf("<h2>Charts</h2>"));
        String summary = html.substring(html.indexOf("<h2>Executive summary</h2>"), html.indexOf("<h2>Charts</h2>"));
        assertThat(summary).contains("<strong>Permission reconciliation</strong>", "<strong>Backups</strong>")
                .contains("<span class=\"badge missed\">✗ missed</span>", "<span class=\"badge missing\">? missing</span>")
                .contains("Leavers with access, 2025-02: " + leavers + " (target ≤ 0)")
                .contains(leavers + " leavers still have access: revoke the grants listed in revocations.csv of 2025-02.")
                .contains("vs 2025-01");
        assertThat(html).as("the generation time in UTC").containsPattern(
                "generated \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z\\.");
        assertThat(html).as("each file named with where it is kept")
                .contains("outbox: <code>" + installation.outbox().resolve("permission-reconciliation/2025-02/revocations.csv")
                        + "</code>", "blob store key: <code>reports/permission-reconciliation/2025-02/revocations.csv</code>");
    }

    @Test
    void aDayOrAMalformedPeriodIsAUsageError() {
        CommandResult day = installation.custos("report", "--period", "2025-02-03");
        CommandResult malformed = installation.custos("report", "--period", "2025-13");

        assertThat(day.exitCode()).isEqualTo(2);
        assertThat(day.err()).startsWith("custos: custos report covers a month, quarter or year");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).startsWith("custos: invalid period '2025-13'");
        assertThat(day.showsStackTrace() || malformed.showsStackTrace()).isFalse();
    }

    private static String headline(Path markdown) throws IOException {
        return Files.readAllLines(markdown).stream().filter(line -> line.contains(" KPIs met, ")).findFirst()
                .orElseThrow();
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    private static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static int colours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    /** The module's build directory (target, or target-<name> of a parallel build): the picture stays out of git. */
    private static Path buildDirectory() throws Exception {
        return Path.of(ReportCommandTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }
}
