package dev.outreach.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.inbox.InboxFixtures;
import dev.outreach.inbox.IntentLabel;
import dev.outreach.support.ConsoleBrowser;
import dev.outreach.support.ConsoleWalk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * What a new admin does in the first hour on the embedded default, in a real browser: sign in,
 * open every screen of the side navigation, open a reply in the Inbox and mark its lead interested,
 * import a CSV into the demo campaign, enroll a lead from the grid, create and edit a lead, create a
 * user, change a channel setting and watch the demo's first touches arrive in the sandbox outbox.
 * After every step the page must show no error notification, no internal error text, no open
 * dialog the step did not mean to leave open, and the browser console no error; a failure names
 * the step and the screenshot taken.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "outreach.demo-messages=4",
        "outreach.dispatch.poll-interval=1s",
        // Vaadin's development tools (Copilot) float over the page's corners and take clicks meant for the app
        "vaadin.devmode.devTools.enabled=false"})
@ActiveProfiles("test")
class FirstHourBrowserIntegrationTests {

    static final String CAMPAIGN = "Home services: spring tune-up";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @TempDir
    Path files;

    private ConsoleBrowser console;
    private ConsoleWalk walk;

    @BeforeAll
    static void requireChromium() {
        ConsoleBrowser.requireInstalled();
    }

    @BeforeEach
    void startBrowser() {
        console = ConsoleBrowser.open(port, Duration.ofSeconds(30));
        walk = new ConsoleWalk(console, "First hour");
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void aNewAdminsFirstHourShowsNoErrorAndLeavesNoDialogOpen() throws Exception {
        walk.step("the login page links an icon that anyone can load", () -> {
            console.get("/login");
            console.waitFor("the login form", d -> !d.findElements(By.cssSelector("input[name='username']")).isEmpty());
            // a browser without an icon link asks for /favicon.ico and logs the 404 on every page
            assertThat(console.script("return fetch(document.querySelector('link[rel=icon]').href,"
                    + " {credentials: 'omit', redirect: 'manual'}).then(r => r.status + ' ' + r.headers.get('content-type'))"))
                    .asString().startsWith("200 image/svg+xml");
        });
        walk.step("sign in", () -> {
            console.signIn("admin", "test-admin-password");
            console.waitFor("the heading " + "Command center", d -> !d.findElements(ConsoleWalk.heading("Command center")).isEmpty());
        });

        openEveryScreen();
        openAReplyInTheInbox();
        importACsvIntoTheCampaign();
        createEnrollAndEditALead();
        createAUser();
        changeAChannelSetting();
        previewAContactFormOfAnInternalAddress();
        watchTheSandboxOutboxReceiveMail();
        // last, because its error notification stays a few seconds: proves the checks above can fail
        aDuplicateLeadIsRefusedWithAnErrorAndItsDialogStaysOpen();
    }

    private void openEveryScreen() {
        walk.step("read the side navigation", () -> assertThat(walk.navTitles())
                .as("side navigation entries (add a new screen's heading to ConsoleWalk.SCREENS)")
                .containsExactlyInAnyOrderElementsOf(ConsoleWalk.SCREENS.keySet()));
        for (String title : walk.navTitles()) {
            walk.step("open " + title, () -> {
                walk.openFromNavigation(title);
                WebElement landmark = console.waitFor(title + " to show " + ConsoleWalk.SCREENS.get(title), d -> d.findElement(ConsoleWalk.SCREENS.get(title)));
                assertThat(landmark.isDisplayed()).as(title + " shows " + ConsoleWalk.SCREENS.get(title)).isTrue();
            });
        }
    }

    private void openAReplyInTheInbox() {
        InboxFixtures fixtures = new InboxFixtures(context);
        long lead = fixtures.lead("Walter", "Inbox", "Inbox Walk <i>Plumbing</i>");
        UUID touch = fixtures.touch(lead, null, null, "EMAIL", "cold_outreach", Instant.now().minusSeconds(3600),
                "Spring tune-up", "Hi Walter, worth a call?");
        long reply = fixtures.reply(lead, touch, null, Instant.now().minusSeconds(60), "REPLY", "Re: Spring tune-up",
                "Yes <b>please</b>, call me Tuesday.");
        fixtures.label(reply, lead, IntentLabel.INTERESTED);
        walk.step("open a reply in the Inbox: the thread and the lead's card, as text, and one unread fewer", () -> {
            walk.openFromNavigation("Inbox");
            int unread = Integer.parseInt(console.driver.findElement(By.cssSelector(".inbox-count-badge")).getText());
            console.click(walk.cell("Walter Inbox"));
            WebElement text = console.waitFor("the reply in the thread", d -> d.findElements(By.cssSelector(".inbox-message.opened"
                    + " .inbox-message-text")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
            assertThat(text.getText()).isEqualTo("Yes <b>please</b>, call me Tuesday.");
            assertThat(text.findElements(By.cssSelector("b"))).as("lead text never becomes markup").isEmpty();
            assertThat(console.driver.findElements(By.cssSelector(".inbox-message-text")).stream().map(WebElement::getText))
                    .contains("Hi Walter, worth a call?");
            assertThat(console.driver.findElement(By.cssSelector(".inbox-card-company")).getText())
                    .isEqualTo("Inbox Walk <i>Plumbing</i>");
            console.waitFor("the menu's unread count to drop", d -> d.findElement(By.cssSelector(".inbox-count-badge")).getText()
                    .equals(String.valueOf(unread - 1)));
        });
        walk.step("mark the lead interested from the open reply: the card says so", () -> {
            assertThat(console.driver.findElement(By.cssSelector(".inbox-card-outcome")).getText()).isEqualTo("None yet");
            console.click(walk.button("Interested"));
            console.waitFor("the card's outcome", d -> d.findElement(By.cssSelector(".inbox-card-outcome")).getText()
                    .equals("Interested"));
            assertThat(walk.notificationTexts()).contains("Marked interested");
        });
    }

    private void importACsvIntoTheCampaign() throws Exception {
        Path csv = files.resolve("first-hour.csv");
        Files.writeString(csv, """
                First Name,Last Name,Email,Company,Title,Industry
                Hana,Okafor,hana@first-hour-hvac.com,First Hour HVAC,Owner,HVAC
                Ivan,Petrov,ivan@first-hour-hvac.com,First Hour HVAC,General Manager,HVAC
                Jade,Moreau,jade@first-hour-hvac.com,First Hour HVAC,Office Manager,HVAC
                """);
        walk.step("upload a CSV on Import leads", () -> {
            walk.openFromNavigation("Import leads");
            WebElement input = (WebElement) console.script("const upload = document.querySelector('vaadin-upload');"
                    + " return upload.querySelector('input[type=file]') || upload.shadowRoot.querySelector('input[type=file]')");
            input.sendKeys(csv.toAbsolutePath().toString());
            walk.waitForText("Uploaded first-hour.csv");
        });
        walk.step("check the file", () -> {
            console.click(walk.button("Check file"));
            walk.waitForText("3 rows: 3 valid, 0 with errors, 0 already exist as leads.");
        });
        walk.step("choose the campaign and import", () -> {
            walk.choose(walk.comboBox("Enroll the leads in campaign (optional)"), CAMPAIGN);
            console.click(walk.button("Import"));
            walk.waitForText("Imported: 3 new leads, 0 updated, 0 duplicates skipped, 0 rows with errors skipped."
                    + " 3 enrolled in the campaign's sequence.");
        });
        walk.step("an imported lead's page lists the campaign", () -> {
            walk.openFromNavigation("Leads");
            walk.search("first hour hvac", 3);
            console.click(walk.cell("Hana Okafor"));
            console.waitFor("the heading " + "Hana Okafor", d -> !d.findElements(ConsoleWalk.heading("Hana Okafor")).isEmpty());
            assertThat(walk.campaignsSection()).contains(CAMPAIGN + ": ");
        });
    }

    private void createEnrollAndEditALead() {
        walk.stepLeavingDialogOpen("open New lead on Leads", () -> {
            walk.openFromNavigation("Leads");
            console.click(walk.button("New lead"));
            walk.waitForOpenDialogs(1);
        });
        walk.step("save the new lead", () -> {
            walk.field("First name").sendKeys("Kofi");
            walk.field("Last name").sendKeys("Mensah");
            walk.field("Company").sendKeys("Hour Two Plumbing");
            walk.field("Email").sendKeys("kofi@hour-two-plumbing.com");
            console.click(walk.dialogButton("Save"));
            walk.waitForOpenDialogs(0);
            walk.search("hour two plumbing", 1);
            assertThat(walk.cell("Kofi Mensah").isDisplayed()).isTrue();
        });
        walk.stepLeavingDialogOpen("select the lead and press Add to campaign", () -> {
            console.click(walk.rowCheckbox());
            console.waitFor("Add to campaign to be enabled", d -> walk.button("Add to campaign").isEnabled());
            console.click(walk.button("Add to campaign"));
            walk.waitForOpenDialogs(1);
        });
        walk.step("enroll it in the campaign", () -> {
            walk.choose(console.driver.findElement(By.id("enroll-campaign")), CAMPAIGN);
            console.click(console.driver.findElement(By.id("enroll-confirm")));
            walk.waitForOpenDialogs(0);
            assertThat(walk.notificationTexts()).contains("1 lead enrolled");
        });
        walk.step("the lead's page lists the campaign", () -> {
            console.click(walk.cell("Kofi Mensah"));
            console.waitFor("the heading " + "Kofi Mensah", d -> !d.findElements(ConsoleWalk.heading("Kofi Mensah")).isEmpty());
            assertThat(walk.campaignsSection()).contains(CAMPAIGN + ": ");
        });
        walk.stepLeavingDialogOpen("open Edit on the lead's page", () -> {
            console.click(walk.button("Edit"));
            walk.waitForOpenDialogs(1);
        });
        walk.step("save the edited lead", () -> {
            WebElement company = walk.field("Company");
            company.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Hour Three Plumbing");
            console.click(walk.dialogButton("Save"));
            walk.waitForOpenDialogs(0);
            walk.waitForText("Hour Three Plumbing");
        });
        walk.step("the grid shows the change", () -> {
            walk.openFromNavigation("Leads");
            walk.search("hour three plumbing", 1);
            assertThat(walk.cell("Hour Three Plumbing").isDisplayed()).isTrue();
        });
    }

    private void createAUser() {
        walk.stepLeavingDialogOpen("open New user on Users", () -> {
            walk.openFromNavigation("Users");
            console.click(walk.button("New user"));
            walk.waitForOpenDialogs(1);
        });
        walk.step("create the user", () -> {
            walk.field("Username").sendKeys("first-hour-operator");
            walk.field("Password").sendKeys("a-long-operator-password");
            console.click(walk.dialogButton("Create"));
            walk.waitForOpenDialogs(0);
            console.waitFor("the user in the grid", d -> console.cellTexts().contains("first-hour-operator"));
        });
    }

    private void changeAChannelSetting() {
        walk.step("change Email's max per hour on Channels", () -> {
            walk.openFromNavigation("Channels");
            WebElement email = console.waitFor("the Email channel form", d -> d.findElement(By.id("channel-email")));
            WebElement maxPerHour = email.findElement(ConsoleWalk.fieldLocator("vaadin-integer-field", "Max per hour"));
            maxPerHour.sendKeys(Keys.chord(Keys.CONTROL, "a"), "77", Keys.TAB);
            console.click(email.findElement(By.xpath(".//vaadin-button[normalize-space(.)='Save']")));
            console.waitFor("the notification 'Email settings saved'", d -> walk.notificationTexts().contains("Email settings saved"));
        });
        walk.step("the channel setting is kept", () -> {
            console.driver.navigate().refresh();
            WebElement email = console.waitFor("the Email channel form", d -> d.findElement(By.id("channel-email")));
            assertThat(email.findElement(ConsoleWalk.fieldLocator("vaadin-integer-field", "Max per hour")).getDomProperty("value"))
                    .isEqualTo("77");
        });
    }

    private void previewAContactFormOfAnInternalAddress() {
        walk.step("the contact form preview refuses an internal address on its URL field", () -> {
            walk.openFromNavigation("Contact form preview");
            walk.field("Page URL").sendKeys("http://10.0.0.7/contact");
            console.click(console.driver.findElement(By.xpath("//vaadin-button[normalize-space(.)='Preview']")));
            console.waitFor("the URL field to say why", d -> {
                WebElement field = d.findElement(By.xpath("//vaadin-text-field[label[normalize-space(.)='Page URL']]"));
                return field.getDomAttribute("invalid") != null && field.findElement(By.cssSelector("[slot='error-message']"))
                        .getText().startsWith("Refused: ");
            });
        });
    }

    private void watchTheSandboxOutboxReceiveMail() {
        walk.step("the sandbox outbox receives the demo's first touches", () -> {
            walk.openFromNavigation("Sandbox outbox");
            new WebDriverWait(console.driver, Duration.ofSeconds(60), Duration.ofSeconds(2))
                    .withMessage("waiting for mail in the sandbox outbox").until(d -> {
                console.click(walk.button("Refresh"));
                return !d.findElement(By.cssSelector(".sandbox-count")).getText().startsWith("0 messages");
            });
            console.click(walk.cell("Quick question about", true));
            console.waitFor("the mail's subject over its text",
                    d -> d.findElement(By.cssSelector(".sandbox-mail h3")).getText().startsWith("Quick question about"));
        });
        walk.step("Outreach history shows the touch sent, with its attempt", () -> {
            walk.openFromNavigation("Outreach history");
            console.click(walk.cell("SENT"));
            console.waitFor("the message's SENT attempt", d -> d.findElements(By.cssSelector(".attempt-list .attempt-sent"))
                    .stream().anyMatch(WebElement::isDisplayed));
        });
    }

    private void aDuplicateLeadIsRefusedWithAnErrorAndItsDialogStaysOpen() {
        walk.stepLeavingDialogOpen("open New lead on Leads for a lead that exists", () -> {
            walk.openFromNavigation("Leads");
            console.click(walk.button("New lead"));
            walk.waitForOpenDialogs(1);
        });
        walk.run("save a lead whose email another lead has", () -> {
            walk.field("First name").sendKeys("Kofi");
            walk.field("Email").sendKeys("kofi@hour-two-plumbing.com");
            console.click(walk.dialogButton("Save"));
            console.waitFor("an error notification", d -> !walk.errorNotifications().isEmpty());
            assertThat(walk.errorNotifications()).singleElement().asString()
                    .startsWith("Not saved: A lead with this email already exists");
        }, true, true);
    }
}
