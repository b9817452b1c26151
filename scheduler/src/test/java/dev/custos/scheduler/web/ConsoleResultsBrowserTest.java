package dev.custos.scheduler.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.custos.common.results.ResultsSchema;
import dev.custos.common.test.TestDatabase;
import dev.custos.common.test.TestS3;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.HttpReceiver;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.ServeInProcess;

/**
 * The console's evidence, backups and alerts pages and the deadlines in Debian's headless Chromium:
 * an AUDITOR exports a month's evidence, downloads and verifies it on the page; an OPS verifies a
 * backup and sees its restore drill; the alerts page shows the incident the alert evaluation opened
 * for a failed run, delivered to a webhook receiver and failed on a chat receiver that refuses it; a
 * MANAGER sees none of these pages. Before serve starts: a backup with a drill, and a run that fails.
 * One serve and one browser; screenshots under {@code target/screenshots/}.
 */
@Timeout(600)
class ConsoleResultsBrowserTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String DAY = "2020-12-24";
    private static final String MONTH = "2020-12";
    private static final String FAILING_JOB = "training-coverage";
    private static final String FAILING_PERIOD = "2020-Q4";

    @TempDir
    static Path dir;

    static Installation installation;
    static List<String> settings;
    static HttpReceiver receiver;
    static ServeInProcess serve;
    static ConsoleBrowser console;
    static ChromeDriver browser;
    static Path downloads;

    @BeforeAll
    static void serveABackupWithADrillAFailedRunAndAUserOfEachRole() throws Exception {
        installation = Installation.create(ConsoleResultsBrowserTest.class, dir.resolve("custos"));
        Path key = dir.resolve("evidence-signing-key.pem");
        CommandResult created = CommandResult.custos("evidence", "key", "create", key.toString());
        assertThat(created.exitCode()).as(created.describe()).isZero();
        Path documents = Files.createDirectories(dir.resolve("documents"));
        Files.writeString(documents.resolve("contract.txt"), "signed\n");
        settings = List.of("--custos.evidence.signing-key=" + key,
                "--custos.backup.sources[0].name=documents", "--custos.backup.sources[0].type=directory",
                "--custos.backup.sources[0].classification=CONFIDENTIAL",
                "--custos.backup.sources[0].path=" + documents,
                "--custos.s3.endpoint=" + TestS3.endpoint(), "--custos.s3.bucket=" + TestS3.newBucketName("console-results"),
                "--custos.s3.access-key=" + TestS3.accessKey(), "--custos.s3.secret-key=" + TestS3.secretKey());
        CommandResult backup = custos("run", "backup", "--period", DAY, "--drill");
        assertThat(backup.exitCode()).as(backup.describe()).isZero();
        Path emptyInbox = Files.createDirectories(dir.resolve("empty-inbox"));
        CommandResult failed = custos("run", FAILING_JOB, "--period", FAILING_PERIOD, "--inbox", emptyInbox.toString());
        assertThat(failed.out()).as(failed.describe()).contains("FAILED");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(installation.database().url(),
                TestDatabase.user(), TestDatabase.password()));
        ResultsSchema schema = new ResultsSchema(installation.database().resultsSchema());
        // the backup ran on its day and never since: the control is watched since then and overdue now
        jdbc.update(schema.sql("UPDATE {results}.run SET started_at = ?, ended_at = ? WHERE job = 'backup'"),
                LocalDateTime.parse(DAY + "T01:30:00"), LocalDateTime.parse(DAY + "T01:31:00"));
        installation.addUserOfEachRole(PASSWORD);
        receiver = HttpReceiver.start().answering("/hook", 200).answering("/chat", 503);
        serve = ServeInProcess.start(installation, Stream.concat(settings.stream(), Stream.of(
                "--custos.alerts.interval=PT0.5S",
                "--custos.alerts.webhook.url=" + receiver.url("/hook"), "--custos.alerts.webhook.secret=console-test",
                "--custos.alerts.chat.url=" + receiver.url("/chat"), "--custos.alerts.chat.max-attempts=1"))
                .toArray(String[]::new));
        downloads = Files.createDirectories(dir.resolve("downloads"));
        console = ConsoleBrowser.open(Files.createDirectories(dir.resolve("chromium-profile")), downloads, serve.port(),
                PASSWORD);
        browser = console.driver();
    }

    private static CommandResult custos(String... args) {
        return installation.custos(Stream.concat(Stream.of(args), settings.stream()).toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
        if (serve != null) {
            serve.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void anAuditorExportsAMonthsEvidenceDownloadsAndVerifiesItOnThePage() throws Exception {
        console.logIn("auditor");
        browser.findElement(By.id("nav-evidence")).click();
        WebElement period = browser.findElement(By.id("period"));
        period.clear();
        period.sendKeys(MONTH);
        period.submit();
        console.waitFor(() -> browser.findElement(By.id("export")).getText().contains(MONTH));
        assertThat(browser.findElement(By.id("versions")).getText()).contains("No version exported yet");
        browser.findElement(By.id("export")).click();

        console.waitFor(() -> !browser.findElements(By.id("version-1")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).startsWith(
                "Evidence of " + MONTH + " exported as version 1 (");

        browser.findElement(By.id("download-v1")).click();
        Path zip = downloads.resolve("custos-evidence-" + MONTH + "-v1.zip");
        console.waitFor(() -> Files.isRegularFile(zip) && !Files.exists(Path.of(zip + ".crdownload")));
        try (ZipFile bundle = new ZipFile(zip.toFile())) {
            assertThat(bundle.stream().map(entry -> entry.getName())).anySatisfy(
                    name -> assertThat(name).endsWith("MANIFEST.sha256"));
        }

        browser.findElement(By.id("verify-v1")).click();
        // the verification answers with a new page once the bundle is read: wait for it, not for the click
        console.waitFor(() -> !browser.findElements(By.id("verification")).isEmpty());
        WebElement verification = browser.findElement(By.id("verification"));
        assertThat(verification.findElement(By.tagName("h2")).getText()).isEqualTo("Version 1: intact");
        assertThat(browser.findElement(By.id("verified-signature")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("verified-problems")).getText()).isEqualTo("none");
        console.screenshot("evidence");

        browser.findElement(By.id("export")).click();
        console.waitFor(() -> browser.findElement(By.cssSelector(".notice")).getText().contains("unchanged"));
        assertThat(browser.findElements(By.cssSelector("#versions tbody tr"))).as("no second version").hasSize(1);
        console.logOut();

        console.logIn("admin");
        browser.get(console.url("/audit"));
        assertThat(console.texts(By.cssSelector("#audit tbody tr"))).anySatisfy(row -> assertThat(row).contains("auditor")
                .contains("evidence export").contains("evidence " + MONTH).contains("v1 NEW"));
        console.logOut();
    }

    @Test
    void aPeriodNotOverOrNotAPeriodIsRefusedOnTheEvidencePageInOneLine() {
        console.logIn("auditor");
        browser.get(console.url("/evidence?period=someday"));
        assertThat(browser.findElement(By.cssSelector(".problem")).getText()).contains("someday");
        String thisYear = String.valueOf(java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear());
        browser.get(console.url("/evidence?period=" + thisYear));
        browser.findElement(By.id("export")).click();
        console.waitFor(() -> !browser.findElements(By.cssSelector(".problem")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".problem")).getText()).startsWith(thisYear + " is not over yet")
                .contains("its evidence");
        assertThat(browser.findElement(By.id("versions")).getText()).contains("No version exported yet");
        console.logOut();
    }

    @Test
    void opsVerifiesABackupAndSeesItsRestoreDrill() {
        console.logIn("ops");
        browser.findElement(By.id("nav-backups")).click();
        assertThat(browser.findElement(By.id("backup-0")).getText()).contains(DAY);
        assertThat(browser.findElement(By.id("drills")).getText()).contains(DAY).contains("PASSED");
        browser.findElement(By.id("verify-0")).click();

        console.waitFor(() -> !browser.findElements(By.id("verification")).isEmpty());
        WebElement verification = browser.findElement(By.id("verification"));
        assertThat(verification.getText()).contains("VERIFIED");
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).startsWith("Verified");
        console.screenshot("backups");

        browser.findElement(By.id("verify-latest")).click();
        // the answer is a new page: wait until the first verification's page is gone and the new one shows its own
        console.waitFor(() -> isStale(verification) && !browser.findElements(By.id("verification")).isEmpty());
        assertThat(browser.findElement(By.id("verification")).getText()).contains("VERIFIED");
        console.logOut();
    }

    @Test
    void theAlertsPageShowsTheFailedRunsAlertAndItsDeliveryOnEachChannel() {
        console.logIn("ops");
        browser.findElement(By.id("nav-alerts")).click();
        By row = By.id("alert-run_failed-" + FAILING_JOB + "-" + FAILING_PERIOD);
        console.waitFor(() -> {
            browser.navigate().refresh();
            List<WebElement> found = browser.findElements(row);
            return !found.isEmpty() && found.get(0).getText().contains("delivered")
                    && found.get(0).getText().contains("failed");
        });
        String alert = browser.findElement(row).getText();
        assertThat(alert).contains("OPEN", "RUN_FAILED", FAILING_JOB, FAILING_PERIOD, "webhook FIRING: delivered",
                "chat FIRING: failed", "1 attempt, last HTTP 503");
        assertThat(browser.findElement(row).findElements(By.tagName("time")).get(0).getText()).endsWith("Z");
        console.screenshot("alerts");
        console.logOut();
    }

    @Test
    void deadlinesStandBesideTheNextFireOnTheSchedulesAndTheOverviewWhereAnOverdueControlSaysSo() {
        console.logIn("auditor");
        WebElement card = browser.findElement(By.id("card-backup"));
        assertThat(card.getText()).contains("Deadline");
        assertThat(card.findElement(By.cssSelector(".deadline time")).getText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(card.findElement(By.id("overdue-backup")).getText()).startsWith("OVERDUE")
                .containsPattern("\\d{4}-\\d\\d-\\d\\d was due by \\d{4}-\\d\\d-\\d\\dT06:00:00Z");
        assertThat(browser.findElements(By.id("overdue-" + FAILING_JOB))).as("watched only since its first run, today")
                .isEmpty();
        console.screenshot("overview-deadlines");
        browser.findElement(By.id("nav-schedules")).click();
        assertThat(browser.findElement(By.cssSelector("#schedules thead")).getText()).contains("Next fire Deadline");
        assertThat(browser.findElement(By.cssSelector("#schedule-backup .deadline")).getText())
                .matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        console.screenshot("schedules-deadlines");
        console.logOut();
    }

    @Test
    void aManagerSeesNeitherEvidenceNorBackupsNorAlerts() throws Exception {
        console.logIn("manager");
        assertThat(console.texts(By.cssSelector("header nav a"))).containsExactly("Overview", "KPIs");
        console.logOut();
        for (String page : List.of("/evidence", "/backups", "/alerts")) {
            assertThat(console.pageStatus(page, "manager")).as(page).isEqualTo(403);
        }
        assertThat(console.pageStatus("/evidence", "ops")).isEqualTo(403);
        assertThat(console.pageStatus("/evidence/" + MONTH + "/v1", "ops")).isEqualTo(403);
        assertThat(console.pageStatus("/backups", "auditor")).isEqualTo(200);
        assertThat(console.pageStatus("/alerts", "auditor")).isEqualTo(200);
        assertThat(console.pageStatus("/evidence", "admin")).isEqualTo(200);
    }

    private static boolean isStale(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        }
    }
}
