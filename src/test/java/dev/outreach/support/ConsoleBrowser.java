package dev.outreach.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's headless Chromium driven through its chromedriver
 * (override the paths with {@code -Dchromium.binary} and {@code -Dchromedriver.binary}), with
 * the browser console's messages recorded so that tests can fail on a script error.
 */
public final class ConsoleBrowser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

    public final WebDriver driver;
    public final WebDriverWait wait;
    private final Duration timeout;
    private final int port;
    private final Path profile;

    private ConsoleBrowser(int port, Duration timeout) throws IOException {
        this.port = port;
        this.timeout = timeout;
        this.profile = Files.createTempDirectory("outreach-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.wait = new WebDriverWait(driver, timeout);
    }

    /** Skips the test class (fails it with CI=true) when Chromium or its driver is not installed. */
    public static void requireInstalled() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            PostgresIntegrationTest.requireService("Chromium (" + CHROMIUM + ") with chromedriver (" + CHROMEDRIVER + ")",
                    new IllegalStateException("not installed: apt-get install chromium chromium-driver"));
        }
    }

    public static ConsoleBrowser open(int port, Duration timeout) {
        try {
            return new ConsoleBrowser(port, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public void get(String path) {
        driver.get(url(path));
    }

    /** Fills the login form and submits it; does not wait for the outcome. */
    public void signIn(String username, String password) {
        get("/login");
        WebElement user = wait.until(d -> d.findElement(By.cssSelector("input[name='username']")));
        // our stylesheet reaches the login page (it centers the hint; the browser's default would not)
        wait.until(d -> "center".equals(script(
                "return getComputedStyle(document.querySelector('.login-hint')).textAlign")));
        user.sendKeys(username);
        WebElement secret = driver.findElement(By.cssSelector("input[name='password']"));
        secret.sendKeys(password);
        secret.sendKeys(Keys.ENTER);
    }

    /** Waits for a condition that is true (or not null); a timeout says what was awaited. */
    public <T> T waitFor(String what, java.util.function.Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout).withMessage("waiting for " + what).until(condition);
    }

    /** The texts of the grid cells currently rendered, as the user reads them. */
    @SuppressWarnings("unchecked")
    public List<String> cellTexts() {
        return (List<String>) script(
                "return Array.from(document.querySelectorAll('vaadin-grid-cell-content')).map(c => c.textContent.trim())");
    }

    /**
     * Clicks an element after scrolling it to the middle of the page: Chromium's own scrolling
     * can leave it under the window's bottom edge, where the click lands on something else.
     */
    public void click(WebElement element) {
        script("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", element);
        element.click();
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The browser console's messages since the last call. */
    public List<LogEntry> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /** Saves what the browser shows now as {@code target/browser-screenshots/<name>.png} and returns that path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]+", "-") + ".png");
            Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.move(taken, target, StandardCopyOption.REPLACE_EXISTING);
            return target.toAbsolutePath();
        } catch (IOException | RuntimeException e) {
            return Path.of("(no screenshot: " + e.getMessage() + ")");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
