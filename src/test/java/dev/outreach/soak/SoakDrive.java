package dev.outreach.soak;

import dev.outreach.support.ConsoleBrowser;
import dev.outreach.support.ConsoleWalk;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * What a busy operator does for the length of the soak, round after round in a real browser:
 * import a small CSV into the demo campaign (so the leads are enrolled), create a lead and edit
 * it, create a user, change a channel setting, and now and then open every screen. Every write
 * is checked on the page; a step that fails is recorded and the next round starts afresh.
 */
final class SoakDrive {

    static final String CAMPAIGN = "Home services: spring tune-up";

    private final PackagedApp app;
    private final ConsoleBrowser console;
    private final ConsoleWalk walk;
    private final List<String> failed = new ArrayList<>();
    private int leadsWritten;
    private int usersCreated;

    private SoakDrive(PackagedApp app, ConsoleBrowser console) {
        this.app = app;
        this.console = console;
        this.walk = new ConsoleWalk(console, "Soak");
    }

    static Soak.Report run(PackagedApp app, Duration length) throws Exception {
        ConsoleBrowser.requireInstalled();
        int port = URI.create(app.baseUrl()).getPort();
        try (ConsoleBrowser console = ConsoleBrowser.open(port, Duration.ofSeconds(60))) {
            return new SoakDrive(app, console).drive(length);
        }
    }

    private Soak.Report drive(Duration length) throws Exception {
        signIn();
        attempt(this::openTheSendWindowAllWeek);
        Instant end = Instant.now().plus(length);
        int round = 0;
        while (Instant.now().isBefore(end)) {
            round++;
            String token = round + "-" + Long.toString(System.currentTimeMillis(), 36);
            attempt(() -> importCsv(token));
            attempt(() -> createAndEditALead(token));
            attempt(() -> createAUser(token));
            int maxPerHour = 100 + round;
            attempt(() -> changeEmailMaxPerHour(maxPerHour));
            if (round % 3 == 1) {
                attempt(this::openEveryScreen);
            }
        }
        String scrape = prometheus();
        return new Soak.Report(round, leadsWritten, usersCreated, List.copyOf(failed), Soak.jobRuns(scrape));
    }

    private void signIn() {
        walk.step("sign in", () -> {
            console.signIn("admin", SoakIntegrationTests.ADMIN_PASSWORD);
            console.waitFor("the command center", d -> !d.findElements(ConsoleWalk.heading("Command center")).isEmpty());
        });
    }

    /**
     * Engine settings: every day around the clock and a tick every minute, so that the tick
     * writes the enrolled leads' touches whenever the soak runs.
     */
    private void openTheSendWindowAllWeek() {
        walk.step("open the send window all week, around the clock", () -> {
            walk.openFromNavigation("Engine settings");
            walk.field("Send window starts at (hour)").sendKeys(Keys.chord(Keys.CONTROL, "a"), "0", Keys.TAB);
            walk.field("Send window ends at (hour)").sendKeys(Keys.chord(Keys.CONTROL, "a"), "24", Keys.TAB);
            walk.field("Sequencer tick every, minutes").sendKeys(Keys.chord(Keys.CONTROL, "a"), "1", Keys.TAB);
            for (WebElement day : console.driver.findElements(By.xpath(
                    "//vaadin-checkbox-group[label[normalize-space(.)='Send days']]//vaadin-checkbox[not(@checked)]"))) {
                console.click(day);
            }
            console.click(walk.button("Save"));
            console.waitFor("the save notification", d -> walk.notificationTexts().contains("Engine settings saved"));
        });
    }

    private void importCsv(String token) throws Exception {
        Path csv = app.workDir().resolve("soak-" + token + ".csv");
        Files.writeString(csv, """
                First Name,Last Name,Email,Company,Title,Industry
                Ada,Round %1$s,ada-%1$s@soak.example,Soak HVAC %1$s,Owner,HVAC
                Ben,Round %1$s,ben-%1$s@soak.example,Soak HVAC %1$s,General Manager,HVAC
                Cy,Round %1$s,cy-%1$s@soak.example,Soak HVAC %1$s,Office Manager,HVAC
                """.formatted(token));
        walk.step("upload a CSV on Import leads", () -> {
            walk.openFromNavigation("Import leads");
            WebElement input = (WebElement) console.script("const upload = document.querySelector('vaadin-upload');"
                    + " return upload.querySelector('input[type=file]') || upload.shadowRoot.querySelector('input[type=file]')");
            input.sendKeys(csv.toString());
            walk.waitForText("Uploaded " + csv.getFileName());
        });
        walk.step("check the file", () -> {
            console.click(walk.button("Check file"));
            walk.waitForText("3 rows: 3 valid, 0 with errors, 0 already exist as leads.");
        });
        walk.step("import it into the campaign", () -> {
            walk.choose(walk.comboBox("Enroll the leads in campaign (optional)"), CAMPAIGN);
            console.click(walk.button("Import"));
            walk.waitForText("Imported: 3 new leads, 0 updated, 0 duplicates skipped, 0 rows with errors skipped."
                    + " 3 enrolled in the campaign's sequence.");
        });
        leadsWritten += 3;
    }

    private void createAndEditALead(String token) {
        walk.stepLeavingDialogOpen("open New lead", () -> {
            walk.openFromNavigation("Leads");
            console.click(walk.button("New lead"));
            walk.waitForOpenDialogs(1);
        });
        walk.step("save the new lead", () -> {
            walk.field("First name").sendKeys("Dee");
            walk.field("Last name").sendKeys("Form " + token);
            walk.field("Company").sendKeys("Soak Plumbing " + token);
            walk.field("Email").sendKeys("dee-" + token + "@soak.example");
            console.click(walk.dialogButton("Save"));
            walk.waitForOpenDialogs(0);
        });
        leadsWritten++;
        walk.step("find it and open its page", () -> {
            walk.search("soak plumbing " + token, 1);
            console.click(walk.cell("Dee Form " + token));
            console.waitFor("the lead's page", d -> !d.findElements(ConsoleWalk.heading("Dee Form " + token)).isEmpty());
        });
        walk.stepLeavingDialogOpen("open Edit", () -> {
            console.click(walk.button("Edit"));
            walk.waitForOpenDialogs(1);
        });
        walk.step("save the edit", () -> {
            walk.field("Company").sendKeys(Keys.chord(Keys.CONTROL, "a"), "Soak Roofing " + token);
            console.click(walk.dialogButton("Save"));
            walk.waitForOpenDialogs(0);
            walk.waitForText("Soak Roofing " + token);
        });
    }

    private void createAUser(String token) {
        walk.stepLeavingDialogOpen("open New user", () -> {
            walk.openFromNavigation("Users");
            console.click(walk.button("New user"));
            walk.waitForOpenDialogs(1);
        });
        walk.step("create the user", () -> {
            walk.field("Username").sendKeys("soak-" + token);
            walk.field("Password").sendKeys("a-long-soak-password");
            console.click(walk.dialogButton("Create"));
            walk.waitForOpenDialogs(0);
            console.waitFor("the new user in the grid", d -> console.cellTexts().contains("soak-" + token));
        });
        usersCreated++;
    }

    private void changeEmailMaxPerHour(int value) {
        walk.step("change Email's max per hour to " + value, () -> {
            walk.openFromNavigation("Channels");
            WebElement email = console.waitFor("the Email channel", d -> d.findElement(By.id("channel-email")));
            WebElement maxPerHour = email.findElement(ConsoleWalk.fieldLocator("vaadin-integer-field", "Max per hour"));
            maxPerHour.sendKeys(Keys.chord(Keys.CONTROL, "a"), Integer.toString(value), Keys.TAB);
            console.click(email.findElement(By.xpath(".//vaadin-button[normalize-space(.)='Save']")));
            console.waitFor("the save notification", d -> walk.notificationTexts().contains("Email settings saved"));
        });
    }

    private void openEveryScreen() {
        for (String title : walk.navTitles()) {
            walk.step("open " + title, () -> {
                walk.openFromNavigation(title);
                console.waitFor(title, d -> d.findElement(ConsoleWalk.SCREENS.get(title)));
            });
        }
    }

    /** Runs one action of the round; a failure is recorded and the browser goes back to a known page. */
    private void attempt(ConsoleWalk.ThrowingAction action) {
        try {
            action.run();
        } catch (Throwable failure) {
            failed.add(failure.getMessage());
            console.get("/");
        }
    }

    /** The job-run counters, read as the signed-in admin. */
    private String prometheus() {
        console.get("/actuator/prometheus");
        return console.waitFor("the Prometheus scrape", d -> {
            String text = d.findElement(By.tagName("body")).getText();
            return text.contains("outreach_job_runs_seconds_count") ? text : null;
        });
    }
}
