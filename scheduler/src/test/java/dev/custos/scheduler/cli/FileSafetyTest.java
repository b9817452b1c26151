package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.custos.common.outbox.Outbox;
import dev.custos.common.period.Period;
import dev.custos.jobs.training.sample.TrainingSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.Installation.Run;

/**
 * Runs read only regular files inside their inbox and write only through real folders of their
 * outbox, replacing (never writing through) a symbolic link planted where a file goes; and what
 * they write for people quotes no input file's content and escapes input text. Each test works on
 * periods of its own, so they share one installation.
 */
@Timeout(300)
class FileSafetyTest {

    private static final String TRAINING = "training-coverage";
    private static final String ROLLUP = "audit-rollup";
    private static final String SHADOW = "root:$6$topsecretsalt$topsecrethash:19000:0:99999:7:::\n"
            + "daemon:*:19000:0:99999:7:::\n";
    private static final String PRECIOUS = "precious, not to be overwritten\n";
    private static final String SCRIPT_CATEGORY = "<script>alert(1)</script>|x";

    @TempDir
    static Path dir;

    static Installation installation;
    static Path trainingInbox;

    @BeforeAll
    static void createInstallation() {
        installation = Installation.create(FileSafetyTest.class, dir.resolve("custos"));
        trainingInbox = dir.resolve("training-in");
        TrainingSampleData.write(trainingInbox, Period.parse("2024-Q4"), TrainingSampleData.Sizes.demo(), 42, false);
    }

    @AfterAll
    static void dropInstallation() {
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void inputLinkedToAFileOutsideTheInboxFailsTheRunNamingItAndQuotesNothingOfIt() throws IOException {
        Path inbox = inboxWith("linked-roster", TrainingSampleData.REQUIREMENTS_FILE, TrainingSampleData.COMPLETIONS_FILE);
        Path shadow = Files.writeString(dir.resolve("shadow"), SHADOW);
        Files.createSymbolicLink(inbox.resolve(TrainingSampleData.ROSTER_FILE), shadow);

        CommandResult run = installation.custos("run", TRAINING, "--period", "2024-Q1", "--inbox", inbox.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.errLines().get(0)).as(run.describe()).isEqualTo("custos: training-coverage 2024-Q1 failed: "
                + "hr_roster.csv in " + inbox + " is a symbolic link; input files must be regular files in the inbox"
                + " (links are not followed): copy the file itself there");
        assertThat(run.out() + run.err() + run.console()).doesNotContain("topsecret", "root:", "daemon");
        assertThat(installation.runs(TRAINING)).filteredOn(r -> r.period().equals("2024-Q1")).singleElement()
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo("FAILED");
                    assertThat(r.exitMessage()).contains("hr_roster.csv", "symbolic link").doesNotContain("topsecret");
                });
    }

    @Test
    void fileThatIsNotTheExportFailsNamingTheMissingColumnsNotItsFirstLine() throws IOException {
        Path inbox = inboxWith("shadow-roster", TrainingSampleData.REQUIREMENTS_FILE, TrainingSampleData.COMPLETIONS_FILE);
        Files.writeString(inbox.resolve(TrainingSampleData.ROSTER_FILE), SHADOW);

        CommandResult run = installation.custos("run", TRAINING, "--period", "2024-Q2", "--inbox", inbox.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.errLines().get(0)).as(run.describe())
                .startsWith("custos: training-coverage 2024-Q2 failed: hr_roster.csv: header lacks columns 'employee_id'");
        assertThat(run.out() + run.err() + run.console()).doesNotContain("topsecret", "root:", "daemon");
        assertThat(installation.runs(TRAINING)).filteredOn(r -> r.period().equals("2024-Q2"))
                .extracting(Run::exitMessage).singleElement().asString().doesNotContain("topsecret", "root:");
    }

    @Test
    void fieldLimitIsASettingAndALongerFieldRejectsItsRowNamingTheColumn() throws IOException {
        CommandResult run = installation.custos("run", TRAINING, "--period", "2024-Q4", "--inbox", trainingInbox.toString(),
                "--custos.csv.max-field-chars=12");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        List<String> rejects = Files.readAllLines(installation.outbox().resolve(TRAINING).resolve("2024-Q4")
                .resolve(Outbox.REJECTS));
        assertThat(rejects).first().isEqualTo("file,line,reason");
        assertThat(rejects).anyMatch(line -> line.matches(
                "hr_roster\\.csv,\\d+,(full_name|email) longer than 12 characters \\(custos\\.csv\\.max-field-chars\\)"));
        assertThat(installation.publishedMetrics(TRAINING, "2024-Q4").get("rows_rejected")).isEqualTo(rejects.size() - 1.0);
    }

    @Test
    void plantedLinksInTheOutboxAreReplacedAndTheirTargetsLeftUnchanged() throws IOException {
        Path folder = Files.createDirectories(installation.outbox().resolve(ROLLUP).resolve("2025"));
        Path victimHtml = Files.writeString(dir.resolve("victim-html.txt"), PRECIOUS);
        Path victimJson = Files.writeString(dir.resolve("victim-json.txt"), PRECIOUS);
        Files.createSymbolicLink(folder.resolve("summary.html"), victimHtml);
        Files.createSymbolicLink(folder.resolve(Outbox.SUMMARY), victimJson);

        CommandResult run = installation.custos("run", ROLLUP, "--period", "2025", "--inbox", findingsInbox("2025").toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(Files.readString(victimHtml)).isEqualTo(PRECIOUS);
        assertThat(Files.readString(victimJson)).isEqualTo(PRECIOUS);
        assertThat(folder.resolve("summary.html")).isRegularFile();
        assertThat(Files.isSymbolicLink(folder.resolve("summary.html"))).isFalse();
        assertThat(Files.isSymbolicLink(folder.resolve(Outbox.SUMMARY))).isFalse();
        assertThat(Outbox.readSummary(folder.resolve(Outbox.SUMMARY)).period()).isEqualTo("2025");
        assertThat(listing(folder)).as("no temporary file left behind")
                .containsExactly("summary.html", "summary.json", "summary.md");
    }

    @Test
    void inputTextIsEscapedInTheMarkdownSummary() throws IOException {
        CommandResult run = installation.custos("run", ROLLUP, "--period", "2023", "--inbox", findingsInbox("2023").toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        String markdown = Files.readString(installation.outbox().resolve(ROLLUP).resolve("2023").resolve("summary.md"));
        assertThat(markdown).doesNotContain("<script>")
                .contains("| 2023 | findings_category.&lt;script&gt;alert(1)&lt;/script&gt;\\|x | 1 |");
    }

    @Test
    void outboxFolderThatIsALinkElsewhereFailsTheRunAndNothingIsWrittenThere() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createDirectories(installation.outbox().resolve(TRAINING));
        Path linked = installation.outbox().resolve(TRAINING).resolve("2024-Q3");
        Files.createSymbolicLink(linked, elsewhere);

        CommandResult run = installation.custos("run", TRAINING, "--period", "2024-Q3", "--inbox", trainingInbox.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.errLines().get(0)).as(run.describe()).isEqualTo("custos: training-coverage 2024-Q3 failed: "
                + linked + " is a symbolic link: Custos writes only into real folders below " + installation.outbox()
                + " and never follows a link out of them; remove the link");
        assertThat(listing(elsewhere)).isEmpty();
    }

    @Test
    void reportOutFileThatIsALinkIsReplacedNotWrittenThrough() throws IOException {
        Path victim = Files.writeString(dir.resolve("victim-report.txt"), PRECIOUS);
        Path out = dir.resolve("report-2022.md");
        Files.createSymbolicLink(out, victim);

        CommandResult report = installation.custos("report", "--period", "2022", "--format", "md", "--out", out.toString());

        assertThat(report.exitCode()).as(report.describe()).isZero();
        assertThat(Files.readString(victim)).isEqualTo(PRECIOUS);
        assertThat(Files.isSymbolicLink(out)).isFalse();
        assertThat(Files.readString(out)).startsWith("# Custos KPI report 2022");
    }

    /** A new inbox holding copies of the named training sample files. */
    private static Path inboxWith(String name, String... files) throws IOException {
        Path inbox = Files.createDirectories(dir.resolve(name));
        for (String file : files) {
            Files.copy(trainingInbox.resolve(file), inbox.resolve(file));
        }
        return inbox;
    }

    /** Findings of {@code year} and the year before, one of them in a category named like a script. */
    private static Path findingsInbox(String year) throws IOException {
        int y = Integer.parseInt(year);
        Path inbox = Files.createDirectories(dir.resolve("findings-" + year));
        Files.writeString(inbox.resolve("audit_findings.csv"), """
                finding_id,audit_year,opened_on,severity,category,title,status,closed_on
                F-1,%1$d,%1$d-02-01,HIGH,"%3$s",Weak passwords,OPEN,
                F-2,%1$d,%1$d-03-01,LOW,Access,Stale accounts,REMEDIATED,%1$d-04-01
                F-3,%2$d,%2$d-02-01,HIGH,Access,Shared accounts,REMEDIATED,%2$d-05-01
                F-4,%2$d,%2$d-02-01,MEDIUM,Backup,No restore test,ACCEPTED,%2$d-06-01
                """.formatted(y, y - 1, SCRIPT_CATEGORY));
        return inbox;
    }

    private static List<String> listing(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
