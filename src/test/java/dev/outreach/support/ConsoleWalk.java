package dev.outreach.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

/**
 * The console as a person uses it, in words a person uses: open a screen from the side
 * navigation, press a button, fill a labelled field, pick from a combo box. Every step is
 * checked afterwards: no error notification, no internal error text on the page, no error in
 * the browser console, no dialog left open that the step did not mean to leave open. A failed
 * step names itself, the page and a screenshot. The first-hour walk and the soak speak it.
 */
public final class ConsoleWalk {

    /** What proves each screen of the side navigation rendered; a screen missing here fails the walk. */
    public static final Map<String, By> SCREENS = new LinkedHashMap<>();

    static {
        for (String[] screen : new String[][] {
                {"Command center", "Command center"}, {"Inbox", "Inbox"}, {"Campaigns", "Campaigns"}, {"Import leads", "Import leads from CSV"},
                {"Outreach history", "Outreach history"}, {"Review", "Review"}, {"Email health", "Email health"},
                {"LinkedIn tasks", "LinkedIn tasks"}, {"Call tasks", "Call tasks"}, {"Re-contact", "Re-contact"},
                {"Contact form tasks", "Contact form tasks"}, {"Contact form preview", "Contact form preview"},
                {"Channels", "Channels"}, {"Sequences", "Sequences"}, {"Sandbox outbox", "Sandbox outbox"},
                {"Templates", "Message templates"}, {"Suppression list", "Suppression list"},
                {"Sending domains", "Sending domains"}, {"Mailboxes", "Mailboxes"},
                {"Engine settings", "Engine settings"}, {"Users", "Users"}, {"API keys", "API keys"}, {"Webhooks", "Webhooks"}}) {
            SCREENS.put(screen[0], heading(screen[1]));
        }
        SCREENS.put("Inbox automation", heading("Inbox automation"));
        // the leads grid has no heading: its lead count is what a user reads first
        SCREENS.put("Leads", By.cssSelector(".lead-count"));
    }

    /** Text that only an unhandled failure puts on a page. */
    public static final List<Pattern> FAILURE_TEXT = List.of(Pattern.compile("Internal error"),
            Pattern.compile("An internal server error occurred"), Pattern.compile("Exception\\b"),
            Pattern.compile("\\b(java|jakarta|org|com)\\.[a-z]+\\.[\\w.$]+"), Pattern.compile("(?i)\\bSQL( |State)"),
            Pattern.compile("Session Expired"), Pattern.compile("Server connection lost"));

    /** Whether Vaadin has finished every round trip to the server. */
    public static final String IDLE = "return !!(window.Vaadin && window.Vaadin.Flow && window.Vaadin.Flow.clients)"
            + " && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive())";

    private final ConsoleBrowser console;
    private final String walkName;
    private final List<String> consoleErrors = new ArrayList<>();

    public ConsoleWalk(ConsoleBrowser console, String walkName) {
        this.console = console;
        this.walkName = walkName;
    }

    public void step(String name, ThrowingAction action) {
        run(name, action, false, false);
    }

    public void stepLeavingDialogOpen(String name, ThrowingAction action) {
        run(name, action, true, false);
    }

    public void run(String name, ThrowingAction action, boolean dialogExpected, boolean errorExpected) {
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
            Path screenshot = console.screenshot(walkName + "-" + name);
            throw new AssertionError(walkName + ", step '" + name + "' on " + console.driver.getCurrentUrl()
                    + " failed (screenshot: " + screenshot + "): " + failure.getMessage(), failure);
        }
    }

    public void collectConsoleErrors() {
        for (LogEntry entry : console.consoleMessages()) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
    }

    @SuppressWarnings("unchecked")
    public List<String> errorNotifications() {
        return (List<String>) console.script("return Array.from(document.querySelectorAll("
                + "'vaadin-notification-card[theme~=\"error\"]')).map(c => c.textContent.trim())");
    }

    @SuppressWarnings("unchecked")
    public List<String> notificationTexts() {
        return (List<String>) console.script("return Array.from(document.querySelectorAll('vaadin-notification-card'))"
                + ".map(c => c.textContent.trim())");
    }

    public String pageText() {
        return (String) console.script("return document.body.innerText + '\\n' + Array.from(document.querySelectorAll("
                + "'vaadin-notification-card')).map(c => c.textContent).join('\\n')");
    }

    public long openDialogs() {
        return (Long) console.script("return Array.from(document.querySelectorAll('vaadin-dialog, vaadin-confirm-dialog'))"
                + ".filter(d => d.opened).length");
    }

    // ---- finding things the way a user names them

    public static By heading(String text) {
        return By.xpath("//h2[normalize-space(.)=" + literal(text) + "]");
    }

    @SuppressWarnings("unchecked")
    public List<String> navTitles() {
        // the title without a count after it (Review's messages in doubt, in the suffix slot)
        return (List<String>) console.script("return Array.from(document.querySelectorAll('vaadin-side-nav-item'))"
                + ".map(i => Array.from(i.childNodes).filter(n => !(n.getAttribute && n.getAttribute('slot') === 'suffix'))"
                + ".map(n => n.textContent).join('').trim())");
    }

    public void openFromNavigation(String title) {
        // an entry may carry a count after its title (Review's messages in doubt): the title, then that count
        console.click(console.driver.findElement(By.xpath("//vaadin-side-nav-item[normalize-space(.)=" + literal(title)
                + " or (*[@slot='suffix'] and normalize-space(.)=concat(" + literal(title)
                + ", normalize-space(*[@slot='suffix'])))]")));
        console.waitFor(title + " to show " + SCREENS.get(title), d -> !d.findElements(SCREENS.get(title)).isEmpty());
    }

    public WebElement button(String text) {
        return console.driver.findElement(By.xpath("//vaadin-button[normalize-space(.)=" + literal(text) + "]"));
    }

    public WebElement dialogButton(String text) {
        return console.driver.findElements(By.xpath("//vaadin-button[normalize-space(.)=" + literal(text) + "]")).stream()
                .filter(WebElement::isDisplayed).reduce((first, later) -> later).orElseThrow();
    }

    public WebElement field(String label) {
        return console.driver.findElements(fieldLocator("*", label)).stream().filter(WebElement::isDisplayed)
                .reduce((first, later) -> later).orElseThrow(() -> new AssertionError("no field labelled " + label));
    }

    public static By fieldLocator(String component, String label) {
        return By.xpath(".//" + component + "[label[normalize-space(.)=" + literal(label) + "]]//input");
    }

    public WebElement comboBox(String label) {
        return console.driver.findElement(By.xpath("//vaadin-combo-box[label[normalize-space(.)=" + literal(label) + "]]"));
    }

    /** Types the item's name into a combo box and commits it, as a keyboard user does. */
    public void choose(WebElement comboBox, String item) {
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
    public void search(String text, int expectedLeads) {
        WebElement search = console.driver.findElement(By.cssSelector("vaadin-text-field input"));
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
        console.waitFor("the grid to show " + expectedLeads + " leads for '" + text + "'",
                d -> d.findElement(By.cssSelector(".lead-count")).getText().equals(dev.outreach.shared.Wording.count(expectedLeads, "lead"))
                && Boolean.TRUE.equals(console.script(IDLE)));
    }

    public WebElement cell(String text) {
        return cell(text, false);
    }

    /** A visible grid cell showing this text (or starting with it); rows the grid hides for reuse keep old texts. */
    public WebElement cell(String text, boolean prefix) {
        String match = prefix ? "starts-with(normalize-space(.), " + literal(text) + ")" : "normalize-space(.)=" + literal(text);
        return console.waitFor("a grid cell showing " + text, d -> d.findElements(
                By.xpath("//vaadin-grid-cell-content[" + match + "]"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** The selection checkbox of the first visible body row of the grid. */
    public WebElement rowCheckbox() {
        return console.waitFor("a row's checkbox", d -> (WebElement) console.script(
                "return Array.from(document.querySelectorAll('vaadin-grid-cell-content vaadin-checkbox')).find(box => {"
                + " const slot = box.closest('vaadin-grid-cell-content').assignedSlot;"
                + " const row = slot && slot.closest('tr'); return row && !row.hidden && row.closest('tbody'); })"));
    }

    public void waitForOpenDialogs(int count) {
        console.waitFor(count + " open dialog(s)", d -> openDialogs() == count);
    }

    public String campaignsSection() {
        return console.driver.findElement(By.cssSelector(".lead-campaigns")).getText();
    }

    public void waitForText(String text) {
        console.waitFor("the text '" + text + "'", d -> pageText().contains(text));
    }

    public static String literal(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    @FunctionalInterface
    public interface ThrowingAction {
        void run() throws Exception;
    }
}
