package dev.outreach.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * What a new admin does in the first hour on the embedded default, in a real browser: sign in,
 * open every screen of the side navigation, import a CSV into the demo campaign, enroll a lead
 * from the grid, create and edit a lead, create a user, change a channel setting and watch the
 * demo's first touches arrive in the sandbox outbox. After every step the page must show no
 * error notification, no internal error text, no open dialog the step did not mean to leave
 * open, and the browser console no error; a failure names the step and the screenshot taken.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "outreach.demo-messages=4",
        "outreach.dispatch.poll-interval=1s",
        // Vaadin's development tools (Copilot) float over the page's corners and take clicks meant for the app
        "vaadin.devmode.devTools.enabled=false"})
@ActiveProfiles("test")
class FirstHourBrowserIntegrationTests {

    static final String CAMPAIGN = "Home services: spring tune-up";

    /** What proves each screen of the side navigation rendered; a screen missing here fails the walk. */
    static final Map<String, By> SCREENS = new LinkedHashMap<>();

    static {
        for (String[] screen : new String[][] {
                {"Command center", "Command center"}, {"Import leads", "Import leads from CSV"},
                {"Outreach history", "Outreach history"}, {"Email health", "Email health"},
                {"LinkedIn tasks", "LinkedIn tasks"}, {"Call tasks", "Call tasks"}, {"Re-contact", "Re-contact"},
                {"Channels", "Channels"}, {"Sequences", "Sequences"}, {"Sandbox outbox", "Sandbox outbox"},
                {"Templates", "Message templates"}, {"Suppression list", "Suppression list"},
                {"Sending domains", "Sending domains"}, {"Mailboxes", "Mailboxes"},
                {"Engine settings", "Engine settings"}, {"Users", "Users"}, {"API keys", "API keys"}}) {
            SCREENS.put(screen[0], heading(screen[1]));
        }
        // the leads grid has no heading: its lead count is what a user reads first
        SCREENS.put("Leads", By.cssSelector(".lead-count"));
    }

    /** Text that only an unhandled failure puts on a page. */
    static final List<Pattern> FAILURE_TEXT = List.of(Pattern.compile("Internal error"),
            Pattern.compile("An internal server error occurred"), Pattern.compile("Exception\\b"),
            Pattern.compile("\\b(java|jakarta|org|com)\\.[a-z]+\\.[\\w.$]+"), Pattern.compile("(?i)\\bSQL( |State)"),
            Pattern.compile("Session Expired"), Pattern.compile("Server connection lost"));

    /** Whether Vaadin has finished every round trip to the server. */
    static final String IDLE = "return !!(window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients)"
            + " && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive())";

    @LocalServerPort
    int port;
    @TempDir
    Path files;

    private ConsoleBrowser console;
    private final List<String> consoleErrors = new ArrayList<>();

    @BeforeAll
    static void requireChromium() {
        ConsoleBrowser.requireInstalled();
    }

    @BeforeEach
    void startBrowser() {
        console = ConsoleBrowser.open(port, Duration.ofSeconds(30));
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void aNewAdminsFirstHourShowsNoErrorAndLeavesNoDialogOpen() throws Exception {
        step("the login page links an icon that anyone can load", () -> {
            console.get("/login");
            console.waitFor("the login form", d -> !d.findElements(By.cssSelector("input[name='username']")).isEmpty());
            // a browser without an icon link asks for /favicon.ico and logs the 404 on every page
            assertThat(console.script("return fetch(document.querySelector('link[rel=icon]').href,"
                    + " {credentials: 'omit', redirect: 'manual'}).then(r => r.status + ' ' + r.headers.get('content-type'))"))
                    .asString().startsWith("200 image/svg+xml");
        });
        step("sign in", () -> {
            console.signIn("admin", "test-admin-password");
            console.waitFor("the heading " + "Command center", d -> !d.findElements(heading("Command center")).isEmpty());
        });

        openEveryScreen();
        importACsvIntoTheCampaign();
        createEnrollAndEditALead();
        createAUser();
        changeAChannelSetting();
        watchTheSandboxOutboxReceiveMail();
        // last, because its error notification stays a few seconds: proves the checks above can fail
        aDuplicateLeadIsRefusedWithAnErrorAndItsDialogStaysOpen();
    }

    private void openEveryScreen() {
        step("read the side navigation", () -> assertThat(navTitles())
                .as("side navigation entries (add a new screen's heading to SCREENS)")
                .containsExactlyInAnyOrderElementsOf(SCREENS.keySet()));
        for (String title : navTitles()) {
            step("open " + title, () -> {
                openFromNavigation(title);
                WebElement landmark = console.waitFor(title + " to show " + SCREENS.get(title), d -> d.findElement(SCREENS.get(title)));
                assertThat(landmark.isDisplayed()).as(title + " shows " + SCREENS.get(title)).isTrue();
            });
        }
    }

    private void importACsvIntoTheCampaign() throws Exception {
        Path csv = files.resolve("first-hour.csv");
        Files.writeString(csv, """
                First Name,Last Name,Email,Company,Title,Industry
                Hana,Okafor,hana@first-hour-hvac.com,First Hour HVAC,Owner,HVAC
                Ivan,Petrov,ivan@first-hour-hvac.com,First Hour HVAC,General Manager,HVAC
                Jade,Moreau,jade@first-hour-hvac.com,First Hour HVAC,Office Manager,HVAC
                """);
        step("upload a CSV on Import leads", () -> {
            openFromNavigation("Import leads");
            WebElement input = (WebElement) console.script("const upload = document.querySelector('vaadin-upload');"
                    + " return upload.querySelector('input[type=file]') || upload.shadowRoot.querySelector('input[type=file]')");
            input.sendKeys(csv.toAbsolutePath().toString());
            waitForText("Uploaded first-hour.csv");
        });
        step("check the file", () -> {
            console.click(button("Check file"));
            waitForText("3 rows: 3 valid, 0 with errors, 0 already exist as leads.");
        });
        step("choose the campaign and import", () -> {
            choose(comboBox("Enroll the leads in campaign (optional)"), CAMPAIGN);
            console.click(button("Import"));
            waitForText("Imported: 3 new leads, 0 updated, 0 duplicates skipped, 0 rows with errors skipped."
                    + " 3 enrolled in the campaign's sequence.");
        });
        step("an imported lead's page lists the campaign", () -> {
            openFromNavigation("Leads");
            search("first hour hvac", 3);
            console.click(cell("Hana Okafor"));
            console.waitFor("the heading " + "Hana Okafor", d -> !d.findElements(heading("Hana Okafor")).isEmpty());
            assertThat(campaignsSection()).contains(CAMPAIGN + ": ");
        });
    }

    private void createEnrollAndEditALead() {
        stepLeavingDialogOpen("open New lead on Leads", () -> {
            openFromNavigation("Leads");
            console.click(button("New lead"));
            waitForOpenDialogs(1);
        });
        step("save the new lead", () -> {
            field("First name").sendKeys("Kofi");
            field("Last name").sendKeys("Mensah");
            field("Company").sendKeys("Hour Two Plumbing");
            field("Email").sendKeys("kofi@hour-two-plumbing.com");
            console.click(dialogButton("Save"));
            waitForOpenDialogs(0);
            search("hour two plumbing", 1);
            assertThat(cell("Kofi Mensah").isDisplayed()).isTrue();
        });
        stepLeavingDialogOpen("select the lead and press Enroll in campaign", () -> {
            console.click(rowCheckbox());
            console.waitFor("Enroll in campaign to be enabled", d -> button("Enroll in campaign").isEnabled());
            console.click(button("Enroll in campaign"));
            waitForOpenDialogs(1);
        });
        step("enroll it in the campaign", () -> {
            choose(console.driver.findElement(By.id("enroll-campaign")), CAMPAIGN);
            console.click(console.driver.findElement(By.id("enroll-confirm")));
            waitForOpenDialogs(0);
            assertThat(notificationTexts()).contains("1 lead enrolled");
        });
        step("the lead's page lists the campaign", () -> {
            console.click(cell("Kofi Mensah"));
            console.waitFor("the heading " + "Kofi Mensah", d -> !d.findElements(heading("Kofi Mensah")).isEmpty());
            assertThat(campaignsSection()).contains(CAMPAIGN + ": ");
        });
        stepLeavingDialogOpen("open Edit on the lead's page", () -> {
            console.click(button("Edit"));
            waitForOpenDialogs(1);
        });
        step("save the edited lead", () -> {
            WebElement company = field("Company");
            company.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Hour Three Plumbing");
            console.click(dialogButton("Save"));
            waitForOpenDialogs(0);
            waitForText("Hour Three Plumbing");
        });
        step("the grid shows the change", () -> {
            openFromNavigation("Leads");
            search("hour three plumbing", 1);
            assertThat(cell("Hour Three Plumbing").isDisplayed()).isTrue();
        });
    }

    private void createAUser() {
        stepLeavingDialogOpen("open New user on Users", () -> {
            openFromNavigation("Users");
            console.click(button("New user"));
            waitForOpenDialogs(1);
        });
        step("create the user", () -> {
            field("Username").sendKeys("first-hour-operator");
            field("Password").sendKeys("a-long-operator-password");
            console.click(dialogButton("Create"));
            waitForOpenDialogs(0);
            console.waitFor("the user in the grid", d -> console.cellTexts().contains("first-hour-operator"));
        });
    }

    private void changeAChannelSetting() {
        step("change Email's max per hour on Channels", () -> {
            openFromNavigation("Channels");
            WebElement email = console.waitFor("the Email channel form", d -> d.findElement(By.id("channel-email")));
            WebElement maxPerHour = email.findElement(fieldLocator("vaadin-integer-field", "Max per hour"));
            maxPerHour.sendKeys(Keys.chord(Keys.CONTROL, "a"), "77", Keys.TAB);
            console.click(email.findElement(By.xpath(".//vaadin-button[normalize-space(.)='Save']")));
            console.waitFor("the notification 'Email settings saved'", d -> notificationTexts().contains("Email settings saved"));
        });
        step("the channel setting is kept", () -> {
            console.driver.navigate().refresh();
            WebElement email = console.waitFor("the Email channel form", d -> d.findElement(By.id("channel-email")));
            assertThat(email.findElement(fieldLocator("vaadin-integer-field", "Max per hour")).getDomProperty("value"))
                    .isEqualTo("77");
        });
    }

    private void watchTheSandboxOutboxReceiveMail() {
        step("the sandbox outbox receives the demo's first touches", () -> {
            openFromNavigation("Sandbox outbox");
            new WebDriverWait(console.driver, Duration.ofSeconds(60), Duration.ofSeconds(2))
                    .withMessage("waiting for mail in the sandbox outbox").until(d -> {
                console.click(button("Refresh"));
                return !d.findElement(By.cssSelector(".sandbox-count")).getText().startsWith("0 messages");
            });
            console.click(cell("Quick question about", true));
            console.waitFor("the mail's subject over its text",
                    d -> d.findElement(By.cssSelector(".sandbox-mail h3")).getText().startsWith("Quick question about"));
        });
        step("Outreach history shows the touch sent, with its attempt", () -> {
            openFromNavigation("Outreach history");
            console.click(cell("SENT"));
            console.waitFor("the message's SENT attempt", d -> d.findElements(By.cssSelector(".attempt-list .attempt-sent"))
                    .stream().anyMatch(WebElement::isDisplayed));
        });
    }

    private void aDuplicateLeadIsRefusedWithAnErrorAndItsDialogStaysOpen() {
        stepLeavingDialogOpen("open New lead on Leads for a lead that exists", () -> {
            openFromNavigation("Leads");
            console.click(button("New lead"));
            waitForOpenDialogs(1);
        });
        run("save a lead whose email another lead has", () -> {
            field("First name").sendKeys("Kofi");
            field("Email").sendKeys("kofi@hour-two-plumbing.com");
            console.click(dialogButton("Save"));
            console.waitFor("an error notification", d -> !errorNotifications().isEmpty());
            assertThat(errorNotifications()).singleElement().asString()
                    .startsWith("Not saved: A lead with this email already exists");
        }, true, true);
    }

    // ---- the walk's checks

    private void step(String name, ThrowingAction action) {
        run(name, action, false, false);
    }

    private void stepLeavingDialogOpen(String name, ThrowingAction action) {
        run(name, action, true, false);
    }

    private void run(String name, ThrowingAction action, boolean dialogExpected, boolean errorExpected) {
        try {
            action.run();
            console.waitFor("the server round trips to end", d -> Boolean.TRUE.equals(console.script(IDLE)));
            if (!errorExpected) {
                assertThat(errorNotifications()).as("error notifications").isEmpty();
            }
            String page = pageText();
            assertThat(FAILURE_TEXT.stream().filter(p -> p.matcher(page).find()).map(Pattern::pattern))
                    .as("failure text on the page:%n%s", page).isEmpty();
            collectConsoleErrors();
            assertThat(consoleErrors).as("browser console errors").isEmpty();
            assertThat(openDialogs()).as("open dialogs").isEqualTo(dialogExpected ? 1 : 0);
        } catch (Throwable failure) {
            Path screenshot = console.screenshot("first-hour-" + name);
            throw new AssertionError("First hour, step '" + name + "' on " + console.driver.getCurrentUrl()
                    + " failed (screenshot: " + screenshot + "): " + failure.getMessage(), failure);
        }
    }

    private void collectConsoleErrors() {
        for (LogEntry entry : console.consoleMessages()) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> errorNotifications() {
        return (List<String>) console.script("return Array.from(document.querySelectorAll("
                + "'vaadin-notification-card[theme~=\"error\"]')).map(c => c.textContent.trim())");
    }

    @SuppressWarnings("unchecked")
    private List<String> notificationTexts() {
        return (List<String>) console.script("return Array.from(document.querySelectorAll('vaadin-notification-card'))"
                + ".map(c => c.textContent.trim())");
    }

    private String pageText() {
        return (String) console.script("return document.body.innerText + '\\n' + Array.from(document.querySelectorAll("
                + "'vaadin-notification-card')).map(c => c.textContent).join('\\n')");
    }

    private long openDialogs() {
        return (Long) console.script("return Array.from(document.querySelectorAll('vaadin-dialog, vaadin-confirm-dialog'))"
                + ".filter(d => d.opened).length");
    }

    // ---- finding things the way a user names them

    static By heading(String text) {
        return By.xpath("//h2[normalize-space(.)=" + literal(text) + "]");
    }

    @SuppressWarnings("unchecked")
    private List<String> navTitles() {
        return (List<String>) console.script("return Array.from(document.querySelectorAll('vaadin-side-nav-item'))"
                + ".map(i => i.textContent.trim())");
    }

    private void openFromNavigation(String title) {
        console.click(console.driver.findElement(By.xpath("//vaadin-side-nav-item[normalize-space(.)=" + literal(title) + "]")));
        console.waitFor(title + " to show " + SCREENS.get(title), d -> !d.findElements(SCREENS.get(title)).isEmpty());
    }

    private WebElement button(String text) {
        return console.driver.findElement(By.xpath("//vaadin-button[normalize-space(.)=" + literal(text) + "]"));
    }

    private WebElement dialogButton(String text) {
        return console.driver.findElements(By.xpath("//vaadin-button[normalize-space(.)=" + literal(text) + "]")).stream()
                .filter(WebElement::isDisplayed).reduce((first, later) -> later).orElseThrow();
    }

    private WebElement field(String label) {
        return console.driver.findElements(fieldLocator("*", label)).stream().filter(WebElement::isDisplayed)
                .reduce((first, later) -> later).orElseThrow(() -> new AssertionError("no field labelled " + label));
    }

    private static By fieldLocator(String component, String label) {
        return By.xpath(".//" + component + "[label[normalize-space(.)=" + literal(label) + "]]//input");
    }

    private WebElement comboBox(String label) {
        return console.driver.findElement(By.xpath("//vaadin-combo-box[label[normalize-space(.)=" + literal(label) + "]]"));
    }

    /** Types the item's name into a combo box and commits it, as a keyboard user does. */
    private void choose(WebElement comboBox, String item) {
        WebElement input = comboBox.findElement(By.cssSelector("input"));
        console.click(input);
        input.sendKeys(item);
        console.waitFor("the choice " + item, d -> !d.findElements(
                By.xpath("//vaadin-combo-box-item[normalize-space(.)=" + literal(item) + "]")).isEmpty());
        input.sendKeys(Keys.ENTER);
        console.waitFor(item + " to be chosen", d -> item.equals(input.getDomProperty("value")) && item.equals(console.script(
                "return arguments[0].selectedItem && arguments[0].selectedItem.label", comboBox)));
    }

    /** Types into the leads grid's search and waits until the grid shows that many leads. */
    private void search(String text, int expectedLeads) {
        WebElement search = console.driver.findElement(By.cssSelector("vaadin-text-field input"));
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
        console.waitFor("the grid to show " + expectedLeads + " leads for '" + text + "'",
                d -> d.findElement(By.cssSelector(".lead-count")).getText().equals(expectedLeads + " leads")
                && Boolean.TRUE.equals(console.script(IDLE)));
    }

    private WebElement cell(String text) {
        return cell(text, false);
    }

    /** A visible grid cell showing this text (or starting with it); rows the grid hides for reuse keep old texts. */
    private WebElement cell(String text, boolean prefix) {
        String match = prefix ? "starts-with(normalize-space(.), " + literal(text) + ")" : "normalize-space(.)=" + literal(text);
        return console.waitFor("a grid cell showing " + text, d -> d.findElements(
                By.xpath("//vaadin-grid-cell-content[" + match + "]"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** The selection checkbox of the first visible body row of the grid. */
    private WebElement rowCheckbox() {
        return console.waitFor("a row's checkbox", d -> (WebElement) console.script(
                "return Array.from(document.querySelectorAll('vaadin-grid-cell-content vaadin-checkbox')).find(box => {"
                + " const slot = box.closest('vaadin-grid-cell-content').assignedSlot;"
                + " const row = slot && slot.closest('tr'); return row && !row.hidden && row.closest('tbody'); })"));
    }

    private void waitForOpenDialogs(int count) {
        console.waitFor(count + " open dialog(s)", d -> openDialogs() == count);
    }

    private String campaignsSection() {
        return console.driver.findElement(By.cssSelector(".lead-campaigns")).getText();
    }

    private void waitForText(String text) {
        console.waitFor("the text '" + text + "'", d -> pageText().contains(text));
    }

    private static String literal(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    @FunctionalInterface
    interface ThrowingAction {
        void run() throws Exception;
    }
}
