package dev.custos.scheduler.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.custos.common.period.Period;
import dev.custos.jobs.training.sample.TrainingSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.ServeInProcess;

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
    private static final Duration RUN_WAIT = Duration.ofMinutes(3);

    @TempDir
    static Path dir;

    static Installation installation;
    static ServeInProcess serve;
    static ConsoleBrowser console;
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
        installation.addUserOfEachRole(PASSWORD, SECOND_ADMIN);
        serve = ServeInProcess.start(installation, "--custos.approvals.required=rerun");
        downloads = Files.createDirectories(dir.resolve("downloads"));
        console = ConsoleBrowser.open(Files.createDirectories(dir.resolve("chromium-profile")), downloads, serve.port(),
                PASSWORD);
        browser = console.driver();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
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
        browser.get(console.url("/login"));
        console.screenshot("login");
        Map<String, List<String>> areas = Map.of(
                "admin", List.of("Overview", "Executions", "Schedules", "KPIs", "Evidence", "Backups", "Alerts", "Audit log",
                        "Approvals"),
                "ops", List.of("Overview", "Executions", "Schedules", "KPIs", "Backups", "Alerts"),
                "manager", List.of("Overview", "KPIs"),
                "auditor", List.of("Overview", "Executions", "Schedules", "KPIs", "Evidence", "Backups", "Alerts",
                        "Audit log", "Approvals"));
        for (String user : List.of("admin", "ops", "manager", "auditor")) {
            console.logIn(user);
            assertThat(browser.findElement(By.id("user-name")).getText()).isEqualTo(user);
            assertThat(browser.findElement(By.id("user-role")).getText()).isEqualTo(user.toUpperCase());
            assertThat(console.texts(By.cssSelector("header nav a"))).as(user).isEqualTo(areas.get(user));
            assertThat(browser.findElements(By.cssSelector(".card"))).as("one card per control").hasSizeGreaterThanOrEqualTo(4);
            assertThat(browser.findElement(By.id("card-" + JOB)).getText()).contains("2026-Q1").contains("FAILED")
                    .contains("missing");
            if (!user.equals("manager")) {
                browser.get(console.url("/executions/" + failedExecution));
                assertThat(browser.findElements(By.id("restart"))).as(user + " sees restart").hasSize(
                        user.equals("admin") ? 1 : 0);
                assertThat(browser.findElements(By.id("abandon"))).as(user + " sees abandon").hasSize(
                        user.equals("admin") ? 1 : 0);
                assertThat(browser.findElements(By.id("stop"))).as("a run that is not running has no stop").isEmpty();
                browser.get(console.url("/executions"));
                assertThat(browser.findElements(By.id("launch"))).as(user + " sees launch").hasSize(
                        user.equals("auditor") ? 0 : 1);
                browser.get(console.url("/schedules"));
                assertThat(browser.findElements(By.id("pause-" + JOB))).as(user + " sees pause").hasSize(
                        user.equals("auditor") ? 0 : 1);
                assertThat(browser.findElements(By.id("reschedule-" + JOB))).hasSize(user.equals("auditor") ? 0 : 1);
                assertThat(browser.findElements(By.id("backfill-" + JOB))).as(user + " sees backfill").hasSize(
                        user.equals("admin") ? 1 : 0);
            }
            console.logOut();
        }

        console.logIn("manager");
        browser.get(console.url("/audit"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("403");
        console.screenshot("forbidden");
        browser.get(console.url("/"));
        console.logOut();
        assertThat(console.pageStatus("/executions", "manager")).isEqualTo(403);
        assertThat(console.pageStatus("/schedules", "manager")).isEqualTo(403);
        assertThat(console.pageStatus("/audit", "manager")).isEqualTo(403);
        assertThat(console.pageStatus("/kpis", "manager")).isEqualTo(200);
        assertThat(console.pageStatus("/audit", "ops")).isEqualTo(403);
        assertThat(console.pageStatus("/schedules/" + JOB, "auditor")).as("the reschedule form").isEqualTo(403);
        assertThat(console.pageStatus("/audit", "auditor")).isEqualTo(200);
        assertThat(console.pageStatus("/executions", "auditor")).isEqualTo(200);
        assertThat(console.pageStatus("/approvals", "auditor")).isEqualTo(200);
        assertThat(console.pageStatus("/approvals", "ops")).isEqualTo(403);
    }

    @Test
    @Order(1)
    void aWrongFilterOrPeriodIsSaidOnThePageInOneLine() throws Exception {
        assertThat(console.page("/executions?status=SOMETIMES", "ops")).contains("class=\"problem\"")
                .contains("status is one of STARTED, COMPLETED, FAILED, STOPPED, ABANDONED");
        assertThat(console.page("/executions?from=24.11.2026", "ops")).contains("24.11.2026").contains("is neither an ISO date (2026-11-24, a day in UTC)");
        assertThat(console.page("/executions?from=2026-11-24&to=2026-11-01", "ops")).contains("from (2026-11-24) must be before to (2026-11-01)");
        assertThat(console.page("/kpis?period=someday", "manager")).contains("class=\"problem\"").doesNotContain("id=\"report\"");
        assertThat(console.pageStatus("/executions/987654321", "ops")).isEqualTo(404);
        assertThat(console.pageStatus("/schedules/no-such-job", "ops")).isEqualTo(404);
    }

    @Test
    @Order(2)
    void opsPausesResumesAndReschedulesWithAPreviewOfTheNextFireTimes() {
        console.logIn("ops");
        browser.get(console.url("/schedules"));
        console.screenshot("schedules");
        browser.findElement(By.id("pause-" + JOB)).click();
        console.waitFor(() -> browser.findElement(By.id("schedule-" + JOB)).getText().contains("PAUSED"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("paused");
        browser.findElement(By.id("resume-" + JOB)).click();
        console.waitFor(() -> browser.findElement(By.id("schedule-" + JOB)).getText().contains("NORMAL"));

        browser.findElement(By.id("reschedule-" + JOB)).click();
        List<String> before = console.texts(By.cssSelector("#fire-times li"));
        assertThat(before).hasSize(5);
        WebElement cron = browser.findElement(By.id("cron"));
        cron.clear();
        cron.sendKeys("every day");
        console.waitFor(() -> !browser.findElements(By.cssSelector("#preview .problem")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#preview .problem")).getText()).contains("invalid cron");
        cron.clear();
        cron.sendKeys("0 15 4 2 1,4,7,10 ?");
        console.waitFor(() -> browser.findElements(By.cssSelector("#fire-times li")).size() == 5
                && !console.texts(By.cssSelector("#fire-times li")).equals(before));
        assertThat(console.texts(By.cssSelector("#fire-times li"))).allSatisfy(time -> assertThat(time).endsWith("Z"));
        console.screenshot("reschedule");
        browser.findElement(By.id("save-cron")).click();

        console.waitFor(() -> browser.getCurrentUrl().endsWith("/schedules"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("0 15 4 2 1,4,7,10 ?");
        assertThat(browser.findElement(By.id("schedule-" + JOB)).getText()).contains("0 15 4 2 1,4,7,10 ?");
        console.logOut();
    }

    @Test
    @Order(3)
    void anAdminRestartsAFailedExecutionFromItsPageAndWatchesItComplete() throws Exception {
        console.logIn("admin");
        browser.get(console.url("/executions?status=FAILED&job=" + JOB));
        assertThat(browser.findElement(By.id("executions")).getText()).contains(String.valueOf(failedExecution));
        console.screenshot("executions");
        browser.findElement(By.linkText(String.valueOf(failedExecution))).click();
        assertThat(browser.findElement(By.cssSelector("h1 .badge")).getText()).isEqualTo("FAILED");
        assertThat(browser.findElement(By.id("failed-step")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("exit-message")).getText()).contains(TrainingSampleData.COMPLETIONS_FILE);
        assertThat(browser.findElement(By.cssSelector("#steps tr.failed")).getText()).contains("FAILED");
        console.screenshot("execution-failed");

        copyInput(TrainingSampleData.COMPLETIONS_FILE);
        browser.findElement(By.id("restart")).click();

        console.waitFor(() -> browser.getCurrentUrl().matches(".*/executions/\\d+$")
                && !browser.getCurrentUrl().endsWith("/executions/" + failedExecution));
        String restartedPage = browser.getCurrentUrl();
        // no reload by the test: a running execution's page polls its progress and reloads once the run ended
        new WebDriverWait(browser, RUN_WAIT).ignoring(StaleElementReferenceException.class)
                .until(driver -> "COMPLETED".equals(
                driver.findElement(By.cssSelector("h1 .badge")).getText()));
        assertThat(browser.getCurrentUrl()).isEqualTo(restartedPage);
        assertThat(browser.findElements(By.id("restart"))).as("a completed run offers no restart").isEmpty();
        assertThat(console.texts(By.cssSelector("#steps tbody tr td:nth-child(2)"))).allSatisfy(
                status -> assertThat(status).isEqualTo("COMPLETED"));
        assertThat(Long.parseLong(browser.findElement(By.id("rejects")).getText().replace(",", ""))).isPositive();
        console.screenshot("execution-completed");
        assertThat(installation.runs(JOB)).anySatisfy(run -> {
            assertThat(run.period()).isEqualTo("2026-Q1");
            assertThat(run.status()).isEqualTo("COMPLETED");
        });
        console.logOut();
    }

    @Test
    @Order(4)
    void aManagerReadsTheReportOfAYearThatIsOverInThePageAndDownloadsItsMarkdownAndHtml() throws Exception {
        console.logIn("manager");
        assertThat(browser.findElement(By.id("card-" + JOB)).getText()).as("the restarted run completed 2026-Q1")
                .contains("2026-Q1").contains("COMPLETED");
        console.screenshot("overview");
        browser.findElement(By.id("nav-kpis")).click();
        assertThat(browser.findElement(By.id("report")).findElement(By.tagName("h1")).getText())
                .as("the latest period with a completed run, first").contains("2026-Q1");
        // the year that is over: 2026 is not, and a report is never shown for a period still under way
        WebElement periodField = browser.findElement(By.name("period"));
        periodField.clear();
        periodField.sendKeys("2025");
        periodField.submit();
        console.waitFor(() -> browser.findElement(By.id("report")).findElement(By.tagName("h1")).getText().contains("2025"));
        WebElement report = browser.findElement(By.id("report"));
        assertThat(report.findElement(By.tagName("h1")).getText()).contains("2025");
        assertThat(report.getText()).contains("Executive summary");
        assertThat(report.findElements(By.tagName("script"))).isEmpty();
        assertThat(report.findElements(By.cssSelector("svg"))).allSatisfy(
                svg -> assertThat(svg.getDomAttribute("viewBox")).isNotBlank());
        console.screenshot("kpis");

        browser.findElement(By.id("download-md")).click();
        Path markdown = downloads.resolve("custos-report-2025.md");
        console.waitFor(() -> Files.isRegularFile(markdown) && !Files.exists(downloads.resolve("custos-report-2025.md.crdownload")));
        assertThat(Files.readString(markdown, StandardCharsets.UTF_8)).startsWith("# ").contains("2025");
        browser.findElement(By.id("download-html")).click();
        Path html = downloads.resolve("custos-report-2025.html");
        console.waitFor(() -> Files.isRegularFile(html) && !Files.exists(downloads.resolve("custos-report-2025.html.crdownload")));
        assertThat(Files.readString(html, StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>").contains("<style>")
                .as("the download is the whole self-contained page").contains("Executive summary");
        console.logOut();
    }

    @Test
    @Order(5)
    void opsLaunchesAPeriodAndIsToldInOneLineWhenThePeriodAlreadyCompleted() {
        console.logIn("ops");
        browser.get(console.url("/executions"));
        launch("2026-Q1");
        assertThat(browser.findElement(By.cssSelector(".problem")).getText())
                .startsWith(JOB + " 2026-Q1 already completed by execution ");
        assertThat(browser.findElements(By.cssSelector(".problem"))).hasSize(1);
        console.screenshot("launch-refused");

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
        console.screenshot("launched");
        browser.findElement(By.cssSelector("#executions tbody a")).click();
        assertThat(browser.findElements(By.id("abandon"))).as("abandon is an ADMIN's").isEmpty();
        // and the forms an OPS is not shown are refused when posted with the session's CSRF token
        browser.get(console.url("/executions"));
        for (String adminsOnly : List.of("/executions/" + failedExecution + "/abandon",
                "/executions/" + failedExecution + "/rerun", "/executions/" + failedExecution + "/stop",
                "/schedules/" + JOB + "/backfill", "/approvals/1/approve")) {
            Object status = browser.executeScript("return fetch(arguments[0], {method: 'POST', headers: "
                    + "{'Content-Type': 'application/x-www-form-urlencoded'}, body: '_csrf=' + encodeURIComponent("
                    + "document.querySelector('input[name=_csrf]').value)}).then(response => response.status);", adminsOnly);
            assertThat(((Number) status).intValue()).as(adminsOnly).isEqualTo(403);
        }
        console.logOut();
    }

    @Test
    @Order(6)
    void anAdminAbandonsAFailedRunFromItsPageWithAReason() {
        console.logIn("admin");
        browser.get(console.url("/executions?status=FAILED&period=2026-Q2&job=" + JOB));
        browser.findElement(By.cssSelector("#executions tbody a")).click();
        String page = browser.getCurrentUrl();
        assertThat(browser.findElements(By.id("stop"))).as("nothing running, nothing to stop").isEmpty();
        assertThat(browser.findElements(By.id("rerun"))).as("a failed run is restarted, not rerun").isEmpty();
        browser.findElement(By.id("abandon-reason")).sendKeys("the quarter's inputs will not come");
        console.screenshot("execution-abandon");
        browser.findElement(By.id("abandon")).click();
        console.waitFor(() -> !browser.findElements(By.cssSelector(".notice")).isEmpty());
        assertThat(browser.getCurrentUrl()).isEqualTo(page);
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("abandoned");
        assertThat(browser.findElement(By.cssSelector("h1 .badge")).getText()).isEqualTo("ABANDONED");
        assertThat(browser.findElements(By.id("abandon"))).isEmpty();
        assertThat(browser.findElements(By.id("restart"))).isEmpty();
        console.screenshot("execution-abandoned");
        console.logOut();
    }

    @Test
    @Order(7)
    void aRerunOfACompletedPeriodWaitsForASecondAdminWhoApprovesItAndTheRunCompletes() {
        console.logIn("admin");
        browser.get(console.url("/executions?status=COMPLETED&period=2026-Q1&job=" + JOB));
        browser.findElement(By.cssSelector("#executions tbody a")).click();
        assertThat(browser.findElements(By.id("restart"))).isEmpty();
        browser.findElement(By.id("rerun-reason")).sendKeys("the supplier corrected the completions file");
        browser.findElement(By.id("rerun")).click();
        console.waitFor(() -> !browser.findElements(By.cssSelector(".notice")).isEmpty());
        String notice = browser.findElement(By.cssSelector(".notice")).getText();
        assertThat(notice).contains("waiting for a second admin's approval, request");
        Matcher request = APPROVAL_REQUEST.matcher(notice);
        assertThat(request.find()).as(notice).isTrue();
        String id = request.group(1);
        console.screenshot("rerun-requested");

        browser.findElement(By.id("nav-approvals")).click();
        assertThat(browser.findElement(By.id("approval-" + id)).getText()).contains("PENDING").contains("rerun")
                .contains(JOB + " 2026-Q1").contains("the supplier corrected the completions file");
        assertThat(browser.findElements(By.id("approve-" + id))).as("the requester cannot approve").isEmpty();
        assertThat(browser.findElement(By.id("reject-" + id)).getText()).isEqualTo("Withdraw");
        assertThat(console.overflow("#approvals")).as("the approvals fit a 1366 px window").isZero();
        console.screenshot("approvals-own-request");
        console.logOut();

        console.logIn(SECOND_ADMIN);
        browser.findElement(By.id("nav-approvals")).click();
        browser.findElement(By.id("approve-" + id)).click();
        // the approving node accepts the rerun, answers at once and runs it in the background
        console.waitFor(() -> !browser.findElements(By.cssSelector(".notice")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".notice")).getText())
                .startsWith("Approval request " + id + " approved: ACCEPTED");
        assertThat(browser.findElement(By.id("approval-" + id)).getText()).contains("EXECUTED").contains(SECOND_ADMIN);
        assertThat(browser.findElements(By.id("approve-" + id))).isEmpty();
        assertThat(console.overflow("#approvals")).as("the approvals fit a 1366 px window, outcome included").isZero();
        console.screenshot("approvals");
        new WebDriverWait(browser, RUN_WAIT).until(driver -> installation.runs(JOB).stream()
                .filter(run -> run.period().equals("2026-Q1") && run.status().equals("COMPLETED")).count() == 2);
        console.logOut();
    }

    @Test
    @Order(8)
    void aBackfillWhoseInputsAreMissingIsRefusedUpFrontNamingTheFolder() {
        console.logIn("admin");
        browser.get(console.url("/schedules"));
        WebElement form = browser.findElement(By.id("backfill-" + JOB));
        form.findElement(By.name("from")).sendKeys("2026-Q2");
        form.findElement(By.name("to")).sendKeys("2026-Q3");
        form.findElement(By.name("reason")).sendKeys("catch up on the quarters");
        form.findElement(By.cssSelector("button")).click();
        console.waitFor(() -> !browser.findElements(By.cssSelector(".problem")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".problem")).getText())
                .startsWith("backfill of " + JOB + " refused, nothing was run: the input folder of 2026-Q2")
                .contains(Path.of(JOB, "2026-Q2").toString());
        console.screenshot("backfill-refused");
        console.logOut();
    }

    @Test
    @Order(9)
    void theAuditLogShowsTheActionsCarriedOutInTheConsole() {
        console.logIn("auditor");
        browser.findElement(By.id("nav-audit")).click();
        List<String> rows = console.texts(By.cssSelector("#audit tbody tr"));
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
        console.screenshot("audit");
        browser.findElement(By.id("nav-approvals")).click();
        assertThat(console.texts(By.cssSelector("#approvals tbody tr"))).anySatisfy(row -> assertThat(row).contains("EXECUTED"));
        assertThat(browser.findElements(By.cssSelector("#approvals button"))).as("an auditor reads, decides nothing").isEmpty();
        console.logOut();
    }

    private static void launch(String period) {
        WebElement form = browser.findElement(By.id("launch"));
        new Select(form.findElement(By.id("launch-job"))).selectByValue(JOB);
        WebElement field = form.findElement(By.id("launch-period"));
        field.clear();
        field.sendKeys(period);
        form.findElement(By.id("launch-run")).click();
        new WebDriverWait(browser, ConsoleBrowser.WAIT).until(ExpectedConditions.stalenessOf(form));
    }

    private static void copyInput(String file) throws IOException {
        Files.copy(installation.inbox(JOB, "2026-Q1").resolve(file), partialInbox.resolve(file),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
