package dev.outreach.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.security.UserService;
import dev.outreach.support.PostgresIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The console in a real browser: Debian's headless Chromium driven through its chromedriver,
 * against the app on a random port with the embedded defaults and demo data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BrowserIntegrationTests {

    static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    static final String XSS_NAME = "<img src=x onerror=alert(1)>";

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    LeadService leads;

    private WebDriver browser;
    private WebDriverWait wait;
    private Path profile;

    @BeforeAll
    static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            PostgresIntegrationTest.requireService("Chromium (" + CHROMIUM + ") with chromedriver (" + CHROMEDRIVER + ")",
                    new IllegalStateException("not installed: apt-get install chromium chromium-driver"));
        }
    }

    @BeforeEach
    void startBrowser() throws Exception {
        profile = Files.createTempDirectory("outreach-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        // the browser console, to check that no page broke our Content-Security-Policy
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (browser != null) {
            try {
                List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .map(LogEntry::getMessage).filter(message -> message.contains("Content Security Policy")).toList();
                assertThat(violations).as("Content-Security-Policy violations in the browser console").isEmpty();
            } finally {
                browser.quit();
            }
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void operatorSignsInSeesLeadsAndMarkupInANameStaysText() {
        SystemActor.run(() -> users.create("browser-operator", "operator-password-1", Role.OPERATOR));
        LeadDraft draft = new LeadDraft();
        draft.setFirstName(XSS_NAME);
        draft.setLastName("Mallory");
        draft.setCompany("Script Kiddie Roofing");
        draft.setEmail("mallory@script-kiddie-roofing.com");
        long id = SystemActor.call(() -> leads.create(draft));

        signIn("browser-operator", "operator-password-1");

        // the landing page is the command center; its charts are SVG drawn on the server
        wait.until(driver -> driver.findElements(By.cssSelector("h2")).stream().anyMatch(h -> h.getText().equals("Command center")));
        assertThat(browser.findElements(By.cssSelector(".card svg.bar-chart"))).isNotEmpty();
        browser.get(url("/leads"));
        wait.until(driver -> cellTexts().stream().anyMatch(text -> text.contains("@")));
        assertThat(browser.findElement(By.cssSelector(".lead-count")).getText()).matches("[0-9,]+ leads");
        assertThat(browser.findElement(By.cssSelector(".delivery-mode")).getText()).isEqualTo("SANDBOX");

        WebElement search = browser.findElement(By.cssSelector("vaadin-text-field input"));
        search.sendKeys("script kiddie");
        wait.until(driver -> cellTexts().contains(XSS_NAME + " Mallory"));
        assertNoAlert();

        browser.get(url("/lead/" + id));
        WebElement heading = wait.until(driver -> driver.findElement(By.cssSelector("h2")));
        assertThat(heading.getText()).isEqualTo(XSS_NAME + " Mallory");
        assertThat(browser.findElements(By.cssSelector("h2 img"))).isEmpty();
        assertNoAlert();
    }

    @Test
    void disablingAUserEndsTheirOpenSession() {
        var user = SystemActor.call(() -> users.create("soon-disabled", "operator-password-2", Role.OPERATOR));
        signIn("soon-disabled", "operator-password-2");
        wait.until(driver -> driver.findElements(By.cssSelector("h2")).stream().anyMatch(h -> h.getText().equals("Command center")));
        browser.get(url("/leads"));
        wait.until(driver -> !cellTexts().isEmpty());

        SystemActor.run(() -> users.setEnabled(user.id(), false));
        browser.get(url("/leads"));

        wait.until(driver -> driver.getCurrentUrl().contains("/login"));
        assertThat(browser.findElements(By.cssSelector("vaadin-grid"))).isEmpty();
    }

    @Test
    void aWrongPasswordKeepsTheVisitorOnTheLoginPageWithAnError() {
        signIn("admin", "not-the-password");

        wait.until(driver -> driver.getCurrentUrl().contains("error"));
        assertThat(browser.getCurrentUrl()).contains("/login");
        assertThat(browser.findElements(By.cssSelector("vaadin-grid"))).isEmpty();
    }

    @Test
    void theTemplateListKeepsItsSizeWhenATemplateIsOpened() {
        SystemActor.run(() -> users.create("browser-admin", "admin-password-123", Role.ADMIN));
        signIn("browser-admin", "admin-password-123");
        wait.until(driver -> driver.findElements(By.cssSelector("h2")).stream().anyMatch(h -> h.getText().equals("Command center")));
        browser.get(url("/admin/templates"));
        wait.until(driver -> cellTexts().contains("email-initial"));
        Map<String, Long> before = gridSize();

        browser.findElements(By.cssSelector("vaadin-grid-cell-content")).stream()
                .filter(cell -> cell.getText().equals("email-follow-up")).findFirst().orElseThrow().click();
        wait.until(driver -> !driver.findElements(By.cssSelector("vaadin-text-area")).isEmpty()
                && driver.findElement(By.cssSelector("vaadin-text-area")).isDisplayed());
        wait.until(driver -> driver.findElements(By.cssSelector("pre.template-preview")).stream()
                .anyMatch(pre -> pre.getText().contains("Subject:")));

        Map<String, Long> after = gridSize();
        assertThat(after.get("height")).as("grid height after opening a template, before: " + before).isGreaterThan(300);
        assertThat(after.get("width")).as("grid width after opening a template, before: " + before).isGreaterThan(300);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> gridSize() {
        return (Map<String, Long>) ((JavascriptExecutor) browser).executeScript(
                "const r = document.querySelector('vaadin-grid').getBoundingClientRect();"
                        + " return {width: Math.round(r.width), height: Math.round(r.height)};");
    }

    private void signIn(String username, String password) {
        browser.get(url("/login"));
        WebElement user = wait.until(driver -> driver.findElement(By.cssSelector("input[name='username']")));
        // our stylesheet reaches the login page (it centers the hint; the browser's default would not)
        wait.until(driver -> "center".equals(((JavascriptExecutor) driver).executeScript(
                "return getComputedStyle(document.querySelector('.login-hint')).textAlign")));
        user.sendKeys(username);
        WebElement secret = browser.findElement(By.cssSelector("input[name='password']"));
        secret.sendKeys(password);
        secret.sendKeys(Keys.ENTER);
    }

    @SuppressWarnings("unchecked")
    private List<String> cellTexts() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('vaadin-grid-cell-content')).map(c => c.textContent.trim())");
    }

    private void assertNoAlert() {
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
