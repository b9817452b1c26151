package dev.custos.scheduler.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.custos.common.period.Period;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.test.TestDatabase;
import dev.custos.jobs.training.sample.TrainingSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.ServeInProcess;
import dev.custos.scheduler.security.LoginProperties;
import dev.custos.scheduler.security.Role;
import dev.custos.scheduler.security.UserAccounts;

/**
 * The web console of {@code custos serve} in Debian's headless Chromium, driven by Selenium as a
 * person would use it: each role logs in and sees only its areas and buttons, an OPS pauses,
 * resumes and reschedules with the preview, an ADMIN restarts a failed run and watches it
 * complete, a MANAGER reads and downloads the KPI report, an OPS launches a period (and is told in
 * one line when it already completed), an ADMIN abandons a failed run with a reason, asks a rerun
 * of a completed period that a second ADMIN approves on the approvals page (reruns need four eyes
 * here), and has a backfill refused up front; the audit log shows those actions.
 * One serve and one browser for the class; the CLI run happens before serve starts. Every page is
 * saved as a screenshot under {@code target/screenshots/}.
 */
@Timeout(600)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final String JOB = "training-coverage";
    private static final String PASSWORD = "correct horse battery";
    private static final String SECOND_ADMIN = "admin2";
    private static final Pattern APPROVAL_REQUEST = Pattern.compile("approval, request (\\d+)");
    private static final Pattern FAILED = Pattern.compile("^training-coverage 2026-Q1: FAILED \\(execution (\\d+)\\)$",
            Pattern.MULTILINE);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration RUN_WAIT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    static Path dir;

    static Installation installation;
    static ServeInProcess serve;
    static ChromeDriver browser;
    static Path partialInbox;
    static Path downloads;
    static long failedExecution;

    @BeforeAll
    static void serveAnInstallationWithAFailedRunAndAUserOfEachRole() throws IOException {
        installation = Installation.create(ConsoleBrowserTest.class, dir.resolve("custos"));
        TrainingSampleData.write(installation.inbox(JOB, "2026-Q1"), Period.parse("2026-Q1"),
                TrainingSampleData.Sizes.demo(), 42, true);
        partialInbox = Files.createDirectories(dir.resolve("partial-inbox"));
        copyInput(TrainingSampleData.ROSTER_FILE);
        copyInput(TrainingSampleData.REQUIREMENTS_FILE);
        CommandResult failed = installation.custos("run", JOB, "--period", "2026-Q1", "--inbox", partialInbox.toString());
        Matcher matcher = FAILED.matcher(failed.out());
        assertThat(matcher.find()).as(failed.describe()).isTrue();
        failedExecution = Long.parseLong(matcher.group(1));
        // stored as 'custos user add' stores them (UserCommandTest proves the command), without a process each
        UserAccounts users = new UserAccounts(new JdbcTemplate(new DriverManagerDataSource(installation.database().url(),
                TestDatabase.user(), TestDatabase.password())), new ResultsSchema(installation.database().resultsSchema()),
                new LoginProperties(5, Duration.ofMinutes(15), 12));
        for (Role role : Role.values()) {
            users.add(role.name().toLowerCase(Locale.ROOT), role, PASSWORD.toCharArray());
        }
        users.add(SECOND_ADMIN, Role.ADMIN, PASSWORD.toCharArray());
        serve = ServeInProcess.start(installation, "--custos.approvals.required=rerun");
        downloads = Files.createDirectories(dir.resolve("downloads"));
        browser = chromium(Files.createDirectories(dir.resolve("chromium-profile")), downloads);
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
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    @Order(1)
    void eachRoleSeesOnlyTheAreasAndButtonsItMayUse() throws Exception {
        browser.get(url("/login"));
        screenshot("login");
        Map<String, List<String>> areas = Map.of(
                "admin", List.of("Overview", "Executions", "Schedules", "KPIs", "Evidence", "Backups", "Alerts", "Audit log",
                        "Approvals"),
                "ops", List.of("Overview", "Executions", "Schedules", "KPIs", "Backups", "Alerts"),
                "manager", List.of("Overview", "KPIs"),
                "auditor", List.of("Overview", "Executions", "Schedules", "KPIs", "Evidence", "Backups", "Alerts",
                        "Audit log", "Approvals"));
        for (String user : List.of("admin", "ops", "manager", "auditor")) {
            logIn(user);
            assertThat(browser.findElement(By.id("user-name")).getText()).isEqualTo(user);
            assertThat(browser.findElement(By.id("user-role")).getText()).isEqualTo(user.toUpperCase());
            assertThat(texts(By.cssSelector("header nav a"))).as(user).isEqualTo(areas.get(user));
            assertThat(browser.findElements(By.cssSelector(".card"))).as("one card per control").hasSizeGreaterThanOrEqualTo(4);
            assertThat(browser.findElement(By.id("card-" + JOB)).getText()).contains("2026-Q1").contains("FAILED")
                    .contains("missing");
            if (!user.equals("manager")) {
                browser.get(url("/executions/" + failedExecution));
                assertThat(browser.findElements(By.id("restart"))).as(user + " sees restart").hasSize(
                        user.equals("admin") ? 1 : 0);
                assertThat(browser.findElements(By.id("abandon"))).as(user + " sees abandon").hasSize(
                        user.equals("admin") ? 1 : 0);
                assertThat(browser.findElements(By.id("stop"))).as("a run that is not running has no stop").isEmpty();
                browser.get(url("/executions"));
                assertThat(browser.findElements(By.id("launch"))).as(user + " sees launch").hasSize(
                        user.equals("auditor") ? 0 : 1);
                browser.get(url("/schedules"));
                assertThat(browser.findElements(By.id("pause-" + JOB))).as(user + " sees pause").hasSize(
                        user.equals("auditor") ? 0 : 1);
                assertThat(browser.findElements(By.id("reschedule-" + JOB))).hasSize(user.equals("auditor") ? 0 : 1);
                assertThat(browser.findElements(By.id("backfill-" + JOB))).as(user + " sees backfill").hasSize(
                        user.equals("admin") ? 1 : 0);
            }
            logOut();
        }

        logIn("manager");
        browser.get(url("/audit"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("403");
        screenshot("forbidden");
        browser.get(url("/"));
        logOut();
        assertThat(pageStatus("/executions", "manager")).isEqualTo(403);
        assertThat(pageStatus("/schedules", "manager")).isEqualTo(403);
        assertThat(pageStatus("/audit", "manager")).isEqualTo(403);
        assertThat(pageStatus("/kpis", "manager")).isEqualTo(200);
        assertThat(pageStatus("/audit", "ops")).isEqualTo(403);
        assertThat(pageStatus("/schedules/" + JOB, "auditor")).as("the reschedule form").isEqualTo(403);
        assertThat(pageStatus("/audit", "auditor")).isEqualTo(200);
        assertThat(pageStatus("/executions", "auditor")).isEqualTo(200);
        assertThat(pageStatus("/approvals", "auditor")).isEqualTo(200);
        assertThat(pageStatus("/approvals", "ops")).isEqualTo(403);
    }

    @Test
    @Order(1)
    void aWrongFilterOrPeriodIsSaidOnThePageInOneLine() throws Exception {
        assertThat(page("/executions?status=SOMETIMES", "ops")).contains("class=\"problem\"")
                .contains("status is one of STARTED, COMPLETED, FAILED, STOPPED, ABANDONED");
        assertThat(page("/executions?from=24.11.2026", "ops")).contains("is a day written 2026-11-24");
        assertThat(page("/executions?from=2026-11-24&to=2026-11-01", "ops")).contains("the date range ends before it starts");
        assertThat(page("/kpis?period=someday", "manager")).contains("class=\"problem\"").doesNotContain("id=\"report\"");
        assertThat(pageStatus("/executions/987654321", "ops")).isEqualTo(404);
        assertThat(pageStatus("/schedules/no-such-job", "ops")).isEqualTo(404);
    }

    @Test
    @Order(2)
    void opsPausesResumesAndReschedulesWithAPreviewOfTheNextFireTimes() {
        logIn("ops");
        browser.get(url("/schedules"));
        screenshot("schedules");
        browser.findElement(By.id("pause-" + JOB)).click();
        waitFor(() -> browser.findElement(By.id("schedule-" + JOB)).getText().contains("PAUSED"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("paused");
        browser.findElement(By.id("resume-" + JOB)).click();
        waitFor(() -> browser.findElement(By.id("schedule-" + JOB)).getText().contains("NORMAL"));

        browser.findElement(By.id("reschedule-" + JOB)).click();
        List<String> before = texts(By.cssSelector("#fire-times li"));
        assertThat(before).hasSize(5);
        WebElement cron = browser.findElement(By.id("cron"));
        cron.clear();
        cron.sendKeys("every day");
        waitFor(() -> !browser.findElements(By.cssSelector("#preview .problem")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#preview .problem")).getText()).contains("invalid cron");
        cron.clear();
        cron.sendKeys("0 15 4 2 1,4,7,10 ?");
        waitFor(() -> browser.findElements(By.cssSelector("#fire-times li")).size() == 5
                && !texts(By.cssSelector("#fire-times li")).equals(before));
        assertThat(texts(By.cssSelector("#fire-times li"))).allSatisfy(time -> assertThat(time).endsWith("Z"));
        screenshot("reschedule");
        browser.findElement(By.id("save-cron")).click();

        waitFor(() -> browser.getCurrentUrl().endsWith("/schedules"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("0 15 4 2 1,4,7,10 ?");
        assertThat(browser.findElement(By.id("schedule-" + JOB)).getText()).contains("0 15 4 2 1,4,7,10 ?");
        logOut();
    }

    @Test
    @Order(3)
    void anAdminRestartsAFailedExecutionFromItsPageAndWatchesItComplete() throws Exception {
        logIn("admin");
        browser.get(url("/executions?status=FAILED&job=" + JOB));
        assertThat(browser.findElement(By.id("executions")).getText()).contains(String.valueOf(failedExecution));
        screenshot("executions");
        browser.findElement(By.linkText(String.valueOf(failedExecution))).click();
        assertThat(browser.findElement(By.cssSelector("h1 .badge")).getText()).isEqualTo("FAILED");
        assertThat(browser.findElement(By.id("failed-step")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("exit-message")).getText()).contains(TrainingSampleData.COMPLETIONS_FILE);
        assertThat(browser.findElement(By.cssSelector("#steps tr.failed")).getText()).contains("FAILED");
        screenshot("execution-failed");

        copyInput(TrainingSampleData.COMPLETIONS_FILE);
        browser.findElement(By.id("restart")).click();

        waitFor(() -> browser.getCurrentUrl().matches(".*/executions/\\d+$")
                && !browser.getCurrentUrl().endsWith("/executions/" + failedExecution));
        String restartedPage = browser.getCurrentUrl();
        // no reload by the test: a running execution's page polls its progress and reloads once the run ended
        new WebDriverWait(browser, RUN_WAIT).ignoring(StaleElementReferenceException.class)
                .until(driver -> "COMPLETED".equals(
                driver.findElement(By.cssSelector("h1 .badge")).getText()));
        assertThat(browser.getCurrentUrl()).isEqualTo(restartedPage);
        assertThat(browser.findElements(By.id("restart"))).as("a completed run offers no restart").isEmpty();
        assertThat(texts(By.cssSelector("#steps tbody tr td:nth-child(2)"))).allSatisfy(
                status -> assertThat(status).isEqualTo("COMPLETED"));
        assertThat(Long.parseLong(browser.findElement(By.id("rejects")).getText().replace(",", ""))).isPositive();
        screenshot("execution-completed");
        assertThat(installation.runs(JOB)).anySatisfy(run -> {
            assertThat(run.period()).isEqualTo("2026-Q1");
            assertThat(run.status()).isEqualTo("COMPLETED");
        });
        logOut();
    }

    @Test
    @Order(4)
    void aManagerReadsTheReportOfAYearThatIsOverInThePageAndDownloadsItsMarkdownAndHtml() throws Exception {
        logIn("manager");
        assertThat(browser.findElement(By.id("card-" + JOB)).getText()).as("the restarted run completed 2026-Q1")
                .contains("2026-Q1").contains("COMPLETED");
        screenshot("overview");
        browser.findElement(By.id("nav-kpis")).click();
        assertThat(browser.findElement(By.id("report")).findElement(By.tagName("h1")).getText())
                .as("the latest period with a completed run, first").contains("2026-Q1");
        // the year that is over: 2026 is not, and a report is never shown for a period still under way
        WebElement periodField = browser.findElement(By.name("period"));
        periodField.clear();
        periodField.sendKeys("2025");
        periodField.submit();
        WebElement report = browser.findElement(By.id("report"));
        assertThat(report.findElement(By.tagName("h1")).getText()).contains("2025");
        assertThat(report.getText()).contains("Executive summary");
        assertThat(report.findElements(By.tagName("script"))).isEmpty();
        assertThat(report.findElements(By.cssSelector("svg"))).allSatisfy(
                svg -> assertThat(svg.getDomAttribute("viewBox")).isNotBlank());
        screenshot("kpis");

        browser.findElement(By.id("download-md")).click();
        Path markdown = downloads.resolve("custos-report-2025.md");
        waitFor(() -> Files.isRegularFile(markdown) && !Files.exists(downloads.resolve("custos-report-2025.md.crdownload")));
        assertThat(Files.readString(markdown, StandardCharsets.UTF_8)).startsWith("# ").contains("2025");
        browser.findElement(By.id("download-html")).click();
        Path html = downloads.resolve("custos-report-2025.html");
        waitFor(() -> Files.isRegularFile(html) && !Files.exists(downloads.resolve("custos-report-2025.html.crdownload")));
        assertThat(Files.readString(html, StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>").contains("<style>")
                .as("the download is the whole self-contained page").contains("Executive summary");
        logOut();
    }

    @Test
    @Order(5)
    void opsLaunchesAPeriodAndIsToldInOneLineWhenThePeriodAlreadyCompleted() {
        logIn("ops");
        browser.get(url("/executions"));
        launch("2026-Q1");
        assertThat(browser.findElement(By.cssSelector(".problem")).getText())
                .startsWith(JOB + " 2026-Q1 already completed by execution ");
        assertThat(browser.findElements(By.cssSelector(".problem"))).hasSize(1);
        screenshot("launch-refused");

        // no inbox folder for 2026-Q2: the run starts and fails, an execution to abandon
        launch("2026-Q2");
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).isEqualTo(JOB + " 2026-Q2 launched: it runs "
                + "in the background");
        assertThat(browser.getCurrentUrl()).contains("period=2026-Q2");
        new WebDriverWait(browser, RUN_WAIT).ignoring(StaleElementReferenceException.class)
                .until(driver -> {
            driver.navigate().refresh();
            return driver.findElement(By.id("executions")).getText().contains("FAILED");
        });
        screenshot("launched");
        browser.findElement(By.cssSelector("#executions tbody a")).click();
        assertThat(browser.findElements(By.id("abandon"))).as("abandon is an ADMIN's").isEmpty();
        // and the forms an OPS is not shown are refused when posted with the session's CSRF token
        browser.get(url("/executions"));
        for (String adminsOnly : List.of("/executions/" + failedExecution + "/abandon",
                "/executions/" + failedExecution + "/rerun", "/executions/" + failedExecution + "/stop",
                "/schedules/" + JOB + "/backfill", "/approvals/1/approve")) {
            Object status = browser.executeScript("return fetch(arguments[0], {method: 'POST', headers: "
                    + "{'Content-Type': 'application/x-www-form-urlencoded'}, body: '_csrf=' + encodeURIComponent("
                    + "document.querySelector('input[name=_csrf]').value)}).then(response => response.status);", adminsOnly);
            assertThat(((Number) status).intValue()).as(adminsOnly).isEqualTo(403);
        }
        logOut();
    }

    @Test
    @Order(6)
    void anAdminAbandonsAFailedRunFromItsPageWithAReason() {
        logIn("admin");
        browser.get(url("/executions?status=FAILED&period=2026-Q2&job=" + JOB));
        browser.findElement(By.cssSelector("#executions tbody a")).click();
        String page = browser.getCurrentUrl();
        assertThat(browser.findElements(By.id("stop"))).as("nothing running, nothing to stop").isEmpty();
        assertThat(browser.findElements(By.id("rerun"))).as("a failed run is restarted, not rerun").isEmpty();
        browser.findElement(By.id("abandon-reason")).sendKeys("the quarter's inputs will not come");
        screenshot("execution-abandon");
        browser.findElement(By.id("abandon")).click();
        waitFor(() -> !browser.findElements(By.cssSelector(".notice")).isEmpty());
        assertThat(browser.getCurrentUrl()).isEqualTo(page);
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("abandoned");
        assertThat(browser.findElement(By.cssSelector("h1 .badge")).getText()).isEqualTo("ABANDONED");
        assertThat(browser.findElements(By.id("abandon"))).isEmpty();
        assertThat(browser.findElements(By.id("restart"))).isEmpty();
        screenshot("execution-abandoned");
        logOut();
    }

    @Test
    @Order(7)
    void aRerunOfACompletedPeriodWaitsForASecondAdminWhoApprovesItAndTheRunCompletes() {
        logIn("admin");
        browser.get(url("/executions?status=COMPLETED&period=2026-Q1&job=" + JOB));
        browser.findElement(By.cssSelector("#executions tbody a")).click();
        assertThat(browser.findElements(By.id("restart"))).isEmpty();
        browser.findElement(By.id("rerun-reason")).sendKeys("the supplier corrected the completions file");
        browser.findElement(By.id("rerun")).click();
        waitFor(() -> !browser.findElements(By.cssSelector(".notice")).isEmpty());
        String notice = browser.findElement(By.cssSelector(".notice")).getText();
        assertThat(notice).contains("waiting for a second admin's approval, request");
        Matcher request = APPROVAL_REQUEST.matcher(notice);
        assertThat(request.find()).as(notice).isTrue();
        String id = request.group(1);
        screenshot("rerun-requested");

        browser.findElement(By.id("nav-approvals")).click();
        assertThat(browser.findElement(By.id("approval-" + id)).getText()).contains("PENDING").contains("rerun")
                .contains(JOB + " 2026-Q1").contains("the supplier corrected the completions file");
        assertThat(browser.findElements(By.id("approve-" + id))).as("the requester cannot approve").isEmpty();
        assertThat(browser.findElement(By.id("reject-" + id)).getText()).isEqualTo("Withdraw");
        screenshot("approvals-own-request");
        logOut();

        logIn(SECOND_ADMIN);
        browser.findElement(By.id("nav-approvals")).click();
        browser.findElement(By.id("approve-" + id)).click();
        // the approving node accepts the rerun, answers at once and runs it in the background
        waitFor(() -> !browser.findElements(By.cssSelector(".notice")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".notice")).getText())
                .startsWith("Approval request " + id + " approved: ACCEPTED");
        assertThat(browser.findElement(By.id("approval-" + id)).getText()).contains("EXECUTED").contains(SECOND_ADMIN);
        assertThat(browser.findElements(By.id("approve-" + id))).isEmpty();
        screenshot("approvals");
        new WebDriverWait(browser, RUN_WAIT).until(driver -> installation.runs(JOB).stream()
                .filter(run -> run.period().equals("2026-Q1") && run.status().equals("COMPLETED")).count() == 2);
        logOut();
    }

    @Test
    @Order(8)
    void aBackfillWhoseInputsAreMissingIsRefusedUpFrontNamingTheFolder() {
        logIn("admin");
        browser.get(url("/schedules"));
        WebElement form = browser.findElement(By.id("backfill-" + JOB));
        form.findElement(By.name("from")).sendKeys("2026-Q2");
        form.findElement(By.name("to")).sendKeys("2026-Q3");
        form.findElement(By.name("reason")).sendKeys("catch up on the quarters");
        form.findElement(By.cssSelector("button")).click();
        waitFor(() -> !browser.findElements(By.cssSelector(".problem")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".problem")).getText())
                .startsWith("backfill of " + JOB + " refused, nothing was run: the input folder of 2026-Q2")
                .contains(Path.of(JOB, "2026-Q2").toString());
        screenshot("backfill-refused");
        logOut();
    }

    @Test
    @Order(9)
    void theAuditLogShowsTheActionsCarriedOutInTheConsole() {
        logIn("auditor");
        browser.findElement(By.id("nav-audit")).click();
        List<String> rows = texts(By.cssSelector("#audit tbody tr"));
        // a restart's row is written when it is accepted, not when its run ends
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("admin").contains("ADMIN").contains("restart")
                .contains("execution " + failedExecution).contains("ACCEPTED"));
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("ops").contains("launch")
                .contains(JOB + " 2026-Q2").contains("ACCEPTED"));
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("admin").contains("abandon")
                .contains("the quarter's inputs will not come").contains("ABANDONED"));
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("admin").contains("approval-request")
                .contains(JOB + " 2026-Q1").contains("the supplier corrected the completions file").contains("PENDING"));
        assertThat(rows).anySatisfy(row -> assertThat(row).contains(SECOND_ADMIN)
                .contains("approve").contains("rerun " + JOB + " 2026-Q1").contains("APPROVED"));
        assertThat(rows).anySatisfy(row -> assertThat(row).contains(SECOND_ADMIN).contains(" rerun ")
                .contains("the supplier corrected the completions file").contains("ACCEPTED"));
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("ops").contains("reschedule")
                .contains("schedule " + JOB).contains("cron=0 15 4 2 1,4,7,10 ?").contains("RESCHEDULED"));
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("ops").contains("pause").contains("PAUSED"));
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("ops").contains("resume").contains("RESUMED"));
        screenshot("audit");
        browser.findElement(By.id("nav-approvals")).click();
        assertThat(texts(By.cssSelector("#approvals tbody tr"))).anySatisfy(row -> assertThat(row).contains("EXECUTED"));
        assertThat(browser.findElements(By.cssSelector("#approvals button"))).as("an auditor reads, decides nothing").isEmpty();
        logOut();
    }

    private static void launch(String period) {
        WebElement form = browser.findElement(By.id("launch"));
        new Select(form.findElement(By.id("launch-job"))).selectByValue(JOB);
        WebElement field = form.findElement(By.id("launch-period"));
        field.clear();
        field.sendKeys(period);
        form.findElement(By.id("launch-run")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.stalenessOf(form));
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

    /**
     * Saves the page as a screenshot, after checking that nothing in its header overlaps: the
     * navigation, the user's name, role and the log-out button each keep their own box.
     */
    private static void screenshot(String name) {
        List<WebElement> header = browser.findElements(By.cssSelector("header.top a, header.top .user, "
                + "header.top .role, header.top form.logout button"));
        List<Rectangle> boxes = new ArrayList<>();
        for (WebElement element : header) {
            Rectangle box = element.getRect();
            for (Rectangle other : boxes) {
                assertThat(overlap(box, other)).as(name + ": '" + element.getText() + "' overlaps another header item")
                        .isFalse();
            }
            boxes.add(box);
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.move(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot save the screenshot " + name, e);
        }
    }

    private static boolean overlap(Rectangle a, Rectangle b) {
        return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
                && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
    }

    private static int pageStatus(String path, String user) throws Exception {
        return HTTP.send(basic(path, user), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String page(String path, String user) throws Exception {
        HttpResponse<String> response = HTTP.send(basic(path, user), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static HttpRequest basic(String path, String user) {
        return HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))).GET().build();
    }

    private static void copyInput(String file) throws IOException {
        Files.copy(installation.inbox(JOB, "2026-Q1").resolve(file), partialInbox.resolve(file),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static String url(String path) {
        return "http://localhost:" + serve.port() + path;
    }
}
