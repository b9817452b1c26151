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
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driving one {@code custos serve}'s console, for the browser tests: a
 * window of 1366 x 768 px, logging in and out as a user, waiting for what a page shows, what reaches
 * beyond the page's column, screenshots of every page under {@code target/screenshots/} (each checked
 * for a header whose items overlap), and plain HTTP requests with a user's Basic credentials.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final int WIDTH = 1366;
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final ChromeDriver driver;
    private final int port;
    private final String password;

    private ConsoleBrowser(ChromeDriver driver, int port, String password) {
        this.driver = driver;
        this.port = port;
        this.password = password;
    }

    /** A browser with its own profile, saving downloads in {@code downloads}, on the console at {@code port}. */
    static ConsoleBrowser open(Path profile, Path downloads, int port, String password) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=" + WIDTH + ",768",
                "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ConsoleBrowser(new ChromeDriver(service, options), port, password);
    }

    ChromeDriver driver() {
        return driver;
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    void logIn(String user) {
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("main.login button[type=submit]")).click();
        waitFor(() -> !driver.findElements(By.id("user-name")).isEmpty());
    }

    void logOut() {
        driver.findElement(By.cssSelector("form.logout button")).click();
        waitFor(() -> driver.getCurrentUrl().contains("/login?logout"));
    }

    List<String> texts(By by) {
        return driver.findElements(by).stream().map(WebElement::getText).toList();
    }

    void waitFor(BooleanSupplier condition) {
        waitFor(condition, WAIT);
    }

    void waitFor(BooleanSupplier condition, Duration wait) {
        // a page that reloads between finding an element and reading it leaves a stale element: look again
        new WebDriverWait(driver, wait).ignoring(StaleElementReferenceException.class)
                .until(ignored -> condition.getAsBoolean());
    }

    /**
     * Saves the page as a screenshot, after checking that nothing in its header overlaps: the navigation,
     * the user's name, role and the log-out button each keep their own box.
     */
    void screenshot(String name) {
        List<WebElement> header = driver.findElements(By.cssSelector("header.top a, header.top .user, "
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
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.move(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot save the screenshot " + name, e);
        }
    }

    /**
     * How many pixels the element {@code css} selects reaches beyond its page's main column (0 when it fits,
     * nothing to scroll sideways), and the page beyond the window.
     */
    long overflow(String css) {
        Object beyond = driver.executeScript("""
                const element = document.querySelector(arguments[0]);
                const main = document.querySelector('main');
                const column = main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight);
                return Math.max(0, Math.ceil(element.getBoundingClientRect().right - column),
                        document.documentElement.scrollWidth - document.documentElement.clientWidth);""", css);
        return ((Number) beyond).longValue();
    }

    private static boolean overlap(Rectangle a, Rectangle b) {
        return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
                && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
    }

    /** The status of a GET of {@code path} as {@code user} (HTTP Basic), redirects not followed. */
    int pageStatus(String path, String user) throws IOException, InterruptedException {
        return HTTP.send(basic(path, user), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The body of a GET of {@code path} as {@code user}, which must answer 200. */
    String page(String path, String user) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(basic(path, user), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private HttpRequest basic(String path, String user) {
        return HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).GET()
                .build();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
