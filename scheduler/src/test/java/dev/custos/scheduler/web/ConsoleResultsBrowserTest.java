package dev.custos.scheduler.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.custos.common.results.ResultsSchema;
import dev.custos.common.test.TestDatabase;
import dev.custos.common.test.TestS3;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.ServeInProcess;
import dev.custos.scheduler.security.LoginProperties;
import dev.custos.scheduler.security.Role;
import dev.custos.scheduler.security.UserAccounts;

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
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    static Path dir;

    static Installation installation;
    static List<String> settings;
    static HttpServer receiver;
    static ServeInProcess serve;
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
        // stored as 'custos user add' stores them (UserCommandTest proves the command), without a process each
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(installation.database().url(),
                TestDatabase.user(), TestDatabase.password()));
        ResultsSchema schema = new ResultsSchema(installation.database().resultsSchema());
        // the backup ran on its day and never since: the control is watched since then and overdue now
        jdbc.update(schema.sql("UPDATE {results}.run SET started_at = ?, ended_at = ? WHERE job = 'backup'"),
                LocalDateTime.parse(DAY + "T01:30:00"), LocalDateTime.parse(DAY + "T01:31:00"));
        UserAccounts users = new UserAccounts(jdbc, schema, new LoginProperties(5, Duration.ofMinutes(15), 12));
        for (Role role : Role.values()) {
            users.add(role.name().toLowerCase(java.util.Locale.ROOT), role, PASSWORD.toCharArray());
        }
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.createContext("/chat", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        receiver.start();
        String receiverUrl = "http://127.0.0.1:" + receiver.getAddress().getPort();
        serve = ServeInProcess.start(installation, Stream.concat(settings.stream(), Stream.of(
                "--custos.alerts.interval=PT0.5S",
                "--custos.alerts.webhook.url=" + receiverUrl + "/hook", "--custos.alerts.webhook.secret=console-test",
                "--custos.alerts.chat.url=" + receiverUrl + "/chat", "--custos.alerts.chat.max-attempts=1"))
                .toArray(String[]::new));
        downloads = Files.createDirectories(dir.resolve("downloads"));
        browser = chromium(Files.createDirectories(dir.resolve("chromium-profile")), downloads);
    }

    private static CommandResult custos(String... args) {
        return installation.custos(Stream.concat(Stream.of(args), settings.stream()).toArray(String[]::new));
    }

    private static ChromeDriver chromium(Path profile, Path downloads) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1366,1100",
                "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (serve != null) {
            serve.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void anAuditorExportsAMonthsEvidenceDownloadsAndVerifiesItOnThePage() throws Exception {
        logIn("auditor");
        browser.findElement(By.id("nav-evidence")).click();
        WebElement period = browser.findElement(By.id("period"));
        period.clear();
        period.sendKeys(MONTH);
        period.submit();
        waitFor(() -> browser.findElement(By.id("export")).getText().contains(MONTH));
        assertThat(browser.findElement(By.id("versions")).getText()).contains("No version exported yet");
        browser.findElement(By.id("export")).click();

        waitFor(() -> !browser.findElements(By.id("version-1")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).startsWith(
                "Evidence of " + MONTH + " exported as version 1 (");

        browser.findElement(By.id("download-v1")).click();
        Path zip = downloads.resolve("custos-evidence-" + MONTH + "-v1.zip");
        waitFor(() -> Files.isRegularFile(zip) && !Files.exists(Path.of(zip + ".crdownload")));
        try (ZipFile bundle = new ZipFile(zip.toFile())) {
            assertThat(bundle.stream().map(entry -> entry.getName())).anySatisfy(
                    name -> assertThat(name).endsWith("MANIFEST.sha256"));
        }

        browser.findElement(By.id("verify-v1")).click();
        WebElement verification = browser.findElement(By.id("verification"));
        assertThat(verification.findElement(By.tagName("h2")).getText()).isEqualTo("Version 1: intact");
        assertThat(browser.findElement(By.id("verified-signature")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("verified-problems")).getText()).isEqualTo("none");
        screenshot("evidence");

        browser.findElement(By.id("export")).click();
        waitFor(() -> browser.findElement(By.cssSelector(".notice")).getText().contains("unchanged"));
        assertThat(browser.findElements(By.cssSelector("#versions tbody tr"))).as("no second version").hasSize(1);
        logOut();

        logIn("admin");
        browser.get(url("/audit"));
        assertThat(texts(By.cssSelector("#audit tbody tr"))).anySatisfy(row -> assertThat(row).contains("auditor")
                .contains("evidence export").contains("evidence " + MONTH).contains("v1 NEW"));
        logOut();
    }

    @Test
    void aPeriodNotOverOrNotAPeriodIsRefusedOnTheEvidencePageInOneLine() {
        logIn("auditor");
        browser.get(url("/evidence?period=someday"));
        assertThat(browser.findElement(By.cssSelector(".problem")).getText()).contains("someday");
        String thisYear = String.valueOf(java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear());
        browser.get(url("/evidence?period=" + thisYear));
        browser.findElement(By.id("export")).click();
        waitFor(() -> !browser.findElements(By.cssSelector(".problem")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".problem")).getText()).startsWith(thisYear + " is not over yet")
                .contains("its evidence");
        assertThat(browser.findElement(By.id("versions")).getText()).contains("No version exported yet");
        logOut();
    }

    @Test
    void opsVerifiesABackupAndSeesItsRestoreDrill() {
        logIn("ops");
        browser.findElement(By.id("nav-backups")).click();
        assertThat(browser.findElement(By.id("backup-0")).getText()).contains(DAY);
        assertThat(browser.findElement(By.id("drills")).getText()).contains(DAY).contains("PASSED");
        browser.findElement(By.id("verify-0")).click();

        WebElement verification = browser.findElement(By.id("verification"));
        assertThat(verification.getText()).contains("VERIFIED");
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).startsWith("Verified");
        screenshot("backups");

        browser.findElement(By.id("verify-latest")).click();
        assertThat(browser.findElement(By.id("verification")).getText()).contains("VERIFIED");
        logOut();
    }

    @Test
    void theAlertsPageShowsTheFailedRunsAlertAndItsDeliveryOnEachChannel() {
        logIn("ops");
        browser.findElement(By.id("nav-alerts")).click();
        By row = By.id("alert-run_failed-" + FAILING_JOB + "-" + FAILING_PERIOD);
        waitFor(() -> {
            browser.navigate().refresh();
            List<WebElement> found = browser.findElements(row);
            return !found.isEmpty() && found.get(0).getText().contains("delivered")
                    && found.get(0).getText().contains("failed");
        });
        String alert = browser.findElement(row).getText();
        assertThat(alert).contains("OPEN", "RUN_FAILED", FAILING_JOB, FAILING_PERIOD, "webhook FIRING: delivered",
                "chat FIRING: failed", "1 attempt, last HTTP 503");
        assertThat(browser.findElement(row).findElements(By.tagName("time")).get(0).getText()).endsWith("Z");
        screenshot("alerts");
        logOut();
    }

    @Test
    void deadlinesStandBesideTheNextFireOnTheSchedulesAndTheOverviewWhereAnOverdueControlSaysSo() {
        logIn("auditor");
        WebElement card = browser.findElement(By.id("card-backup"));
        assertThat(card.getText()).contains("Deadline");
        assertThat(card.findElement(By.cssSelector(".deadline time")).getText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(card.findElement(By.id("overdue-backup")).getText()).startsWith("OVERDUE")
                .containsPattern("\\d{4}-\\d\\d-\\d\\d was due by \\d{4}-\\d\\d-\\d\\dT06:00:00Z");
        assertThat(browser.findElements(By.id("overdue-" + FAILING_JOB))).as("watched only since its first run, today")
                .isEmpty();
        screenshot("overview-deadlines");
        browser.findElement(By.id("nav-schedules")).click();
        assertThat(browser.findElement(By.cssSelector("#schedules thead")).getText()).contains("Next fire Deadline");
        assertThat(browser.findElement(By.cssSelector("#schedule-backup .deadline")).getText())
                .matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        screenshot("schedules-deadlines");
        logOut();
    }

    @Test
    void aManagerSeesNeitherEvidenceNorBackupsNorAlerts() throws Exception {
        logIn("manager");
        assertThat(texts(By.cssSelector("header nav a"))).containsExactly("Overview", "KPIs");
        logOut();
        for (String page : List.of("/evidence", "/backups", "/alerts")) {
            assertThat(pageStatus(page, "manager")).as(page).isEqualTo(403);
        }
        assertThat(pageStatus("/evidence", "ops")).isEqualTo(403);
        assertThat(pageStatus("/evidence/" + MONTH + "/v1", "ops")).isEqualTo(403);
        assertThat(pageStatus("/backups", "auditor")).isEqualTo(200);
        assertThat(pageStatus("/alerts", "auditor")).isEqualTo(200);
        assertThat(pageStatus("/evidence", "admin")).isEqualTo(200);
    }

    private static void logIn(String user) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("main.login button[type=submit]")).click();
        waitFor(() -> !browser.findElements(By.id("user-name")).isEmpty());
    }

    private static void logOut() {
        browser.findElement(By.cssSelector("form.logout button")).click();
        waitFor(() -> browser.getCurrentUrl().contains("/login?logout"));
    }

    private static List<String> texts(By by) {
        return browser.findElements(by).stream().map(WebElement::getText).toList();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        // a page that reloads between finding an element and reading it leaves a stale element: look again
        new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
                .until(driver -> condition.getAsBoolean());
    }

    private static void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.move(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot save the screenshot " + name, e);
        }
    }

    private static int pageStatus(String path, String user) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String url(String path) {
        return "http://localhost:" + serve.port() + path;
    }
}
