package dev.outreach.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.security.UserService;
import dev.outreach.support.ConsoleBrowser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The console in a real browser ({@link ConsoleBrowser}) against the app on a random port with
 * the embedded defaults and demo data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BrowserIntegrationTests {

    static final String XSS_NAME = "<img src=x onerror=alert(1)>";

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    LeadService leads;

    private ConsoleBrowser console;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void requireChromium() {
        ConsoleBrowser.requireInstalled();
    }

    @BeforeEach
    void startBrowser() {
        console = ConsoleBrowser.open(port, Duration.ofSeconds(60));
        browser = console.driver;
        wait = console.wait;
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (console != null) {
            try {
                List<String> violations = console.consoleMessages().stream()
                        .map(LogEntry::getMessage).filter(message -> message.contains("Content Security Policy")).toList();
                assertThat(violations).as("Content-Security-Policy violations in the browser console").isEmpty();
            } finally {
                console.close();
            }
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
        assertThat(browser.findElement(By.cssSelector(".lead-count")).getText()).matches("[0-9,]+ leads?");
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
        return (Map<String, Long>) console.script(
                "const r = document.querySelector('vaadin-grid').getBoundingClientRect();"
                        + " return {width: Math.round(r.width), height: Math.round(r.height)};");
    }

    private void signIn(String username, String password) {
        console.signIn(username, password);
    }

    private List<String> cellTexts() {
        return console.cellTexts();
    }

    private void assertNoAlert() {
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private String url(String path) {
        return console.url(path);
    }
}
