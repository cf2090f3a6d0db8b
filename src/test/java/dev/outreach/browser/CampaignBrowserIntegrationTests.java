package dev.outreach.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignStatus;
import dev.outreach.campaign.CampaignSummary;
import dev.outreach.security.SystemActor;
import dev.outreach.support.ConsoleBrowser;
import dev.outreach.support.ConsoleWalk;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A new sales team's first campaign in a real browser, on the embedded default with 500 demo
 * leads: create it, keep three touches, open the schedule to every hour of every day, add the 500
 * demo leads by a filter, start it, watch the sandbox receive its touches and the overview move,
 * pause it (nothing more is sent, its PENDING messages held), resume it (released) and clone it.
 * Every step is checked as in the first-hour walk: no error, no stray dialog, no console error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "outreach.demo-leads=500",
        "outreach.demo-messages=0",
        "outreach.demo-enrollments=0",
        "outreach.dispatch.poll-interval=1s",
        "vaadin.devmode.devTools.enabled=false"})
@ActiveProfiles("test")
class CampaignBrowserIntegrationTests {

    static final String CAMPAIGN = "Spring roofs " + System.nanoTime();

    @LocalServerPort
    int port;
    @Autowired
    CampaignService campaigns;
    @Autowired
    JdbcClient jdbc;

    private ConsoleBrowser console;
    private ConsoleWalk walk;

    @BeforeAll
    static void requireChromium() {
        ConsoleBrowser.requireInstalled();
    }

    @BeforeEach
    void startBrowser() {
        console = ConsoleBrowser.open(port, Duration.ofSeconds(30));
        walk = new ConsoleWalk(console, "First campaign");
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void aNewTeamRunsItsFirstCampaignFromCreateToClone() throws Exception {
        walk.step("sign in", () -> {
            console.signIn("admin", "test-admin-password");
            console.waitFor("the Command center", d -> !d.findElements(ConsoleWalk.heading("Command center")).isEmpty());
        });
        createTheCampaign();
        keepThreeTouches();
        sendEveryHourOfEveryDay();
        long added = addTheDemoLeadsByAFilter();
        long id = campaign().id();
        startAndWatchItSend(id, added);
        pauseHoldsAndResumeReleases(id);
        cloneIt(id);
    }

    private void createTheCampaign() {
        walk.stepLeavingDialogOpen("open New campaign on Campaigns", () -> {
            walk.openFromNavigation("Campaigns");
            console.click(walk.button("New campaign"));
            walk.waitForOpenDialogs(1);
        });
        walk.step("create the campaign and land on its page", () -> {
            walk.field("Name").sendKeys(CAMPAIGN);
            console.click(walk.dialogButton("Create"));
            walk.waitForOpenDialogs(0);
            console.waitFor("the campaign's page", d -> !d.findElements(ConsoleWalk.heading(CAMPAIGN)).isEmpty());
            assertThat(statusBadge()).isEqualTo("DRAFT");
        });
    }

    private void keepThreeTouches() {
        walk.step("remove the fourth touch and save a plan of three", () -> {
            openTab("Touches");
            console.waitFor("the plan's four touches", d -> d.findElements(By.cssSelector(".touch-editor")).size() == 4);
            List<WebElement> removes = console.driver.findElements(
                    By.xpath("//vaadin-vertical-layout[contains(@class,'touch-editor')]//vaadin-button[normalize-space(.)='Remove']"));
            console.click(removes.getLast());
            console.waitFor("three touches", d -> d.findElements(By.cssSelector(".touch-editor")).size() == 3);
            console.click(walk.button("Save plan"));
            console.waitFor("the plan saved", d -> walk.notificationTexts().contains("Touch plan saved"));
            assertThat(campaign().touches()).hasSize(3);
        });
    }

    private void sendEveryHourOfEveryDay() {
        walk.step("open the schedule to every hour of every day", () -> {
            openTab("Schedule");
            for (String day : List.of("Sat", "Sun")) {
                WebElement box = console.driver.findElement(By.xpath("//vaadin-checkbox[normalize-space(.)='" + day + "']"));
                if (box.getDomAttribute("checked") == null) {
                    console.click(box.findElement(By.cssSelector("input")));
                }
            }
            walk.field("Sends from (hour)").sendKeys(Keys.chord(Keys.CONTROL, "a"), "0", Keys.TAB);
            walk.field("Until (hour, not included)").sendKeys(Keys.chord(Keys.CONTROL, "a"), "24", Keys.TAB);
            console.click(walk.button("Save schedule"));
            console.waitFor("the schedule saved", d -> walk.notificationTexts().contains("Schedule saved"));
            var schedule = campaign().schedule();
            assertThat(schedule.sendDays()).isEqualTo(EnumSet.allOf(DayOfWeek.class));
            assertThat(schedule.startHour()).isZero();
            assertThat(schedule.endHour()).isEqualTo(24);
        });
    }

    private long addTheDemoLeadsByAFilter() {
        walk.stepLeavingDialogOpen("open Add leads on the Leads tab", () -> {
            openTab("Leads");
            console.click(walk.button("Add leads"));
            walk.waitForOpenDialogs(1);
        });
        StringBuilder outcome = new StringBuilder();
        walk.stepLeavingDialogOpen("filter the 500 demo leads and add them all", () -> {
            walk.field("Search").sendKeys(".example");
            console.waitFor("500 matching leads", d -> d.findElement(By.cssSelector(".add-leads-count")).getText()
                    .equals("500 leads match"));
            console.click(walk.dialogButton("Add all 500 matching leads"));
            outcome.append(console.<String>waitFor("the job to finish", d -> {
                String text = d.findElement(By.id("enroll-job-status")).getText();
                return text.startsWith("Done: ") ? text : null;
            }));
        });
        walk.step("close the job's dialog", () -> {
            console.click(walk.dialogButton("Close"));
            walk.waitForOpenDialogs(0);
        });
        // "Done: 388 leads added, 112 skipped (unsubscribed, ...)": every one of the 500 accounted for
        List<Long> counts = java.util.regex.Pattern.compile("\\d[\\d,]*").matcher(outcome).results()
                .map(m -> Long.parseLong(m.group().replace(",", ""))).toList();
        long enrolled = count("select count(*) from enrollment where campaign_id = ?", campaign().id());
        assertThat(counts).as(outcome.toString()).isNotEmpty();
        assertThat(counts.getFirst()).as(outcome.toString()).isEqualTo(enrolled).isPositive();
        assertThat(counts.stream().mapToLong(Long::longValue).sum()).as(outcome.toString()).isEqualTo(500);
        return enrolled;
    }

    private void startAndWatchItSend(long id, long enrolled) {
        walk.step("the overview counts the leads before anything went out", () -> {
            openTab("Overview");
            assertThat(funnel("Enrolled")).isEqualTo(enrolled);
            assertThat(funnel("Contacted")).isZero();
        });
        walk.step("start the campaign", () -> {
            console.click(walk.button("Start"));
            console.waitFor("ACTIVE", d -> "ACTIVE".equals(statusBadge()));
        });
        walk.step("run the tick from the Command center", () -> {
            walk.openFromNavigation("Command center");
            console.click(walk.button("Run the tick now"));
            console.waitFor("the tick's result", d -> walk.notificationTexts().stream().anyMatch(t -> t.startsWith("Tick: ")));
        });
        walk.step("the sandbox outbox receives the campaign's touches", () -> {
            walk.openFromNavigation("Sandbox outbox");
            new WebDriverWait(console.driver, Duration.ofSeconds(60), Duration.ofSeconds(2))
                    .withMessage("waiting for mail in the sandbox outbox").until(d -> {
                console.click(walk.button("Refresh"));
                return !d.findElement(By.cssSelector(".sandbox-count")).getText().startsWith("0 messages");
            });
        });
        walk.step("the overview moves: leads contacted", () -> {
            walk.openFromNavigation("Campaigns");
            console.click(walk.cell(CAMPAIGN));
            console.waitFor("the campaign's page", d -> !d.findElements(ConsoleWalk.heading(CAMPAIGN)).isEmpty());
            assertThat(funnel("Contacted")).isPositive();
            assertThat(console.cellTexts()).contains("Touch 1", "Email");
        });
    }

    private void pauseHoldsAndResumeReleases(long id) throws InterruptedException {
        walk.step("pause the campaign", () -> {
            console.click(walk.button("Pause"));
            console.waitFor("PAUSED", d -> "PAUSED".equals(statusBadge()));
        });
        long sentAtPause = sent(id);
        long held = count("select count(*) from outreach_message m join enrollment e on e.id = m.enrollment_id"
                + " where e.campaign_id = ? and m.status = 'PENDING' and m.waiting_for = 'campaign-paused'", id);
        assertThat(count("select count(*) from outreach_message m join enrollment e on e.id = m.enrollment_id"
                + " where e.campaign_id = ? and m.status = 'PENDING' and m.waiting_for is null", id))
                .as("every PENDING message of the campaign is held").isZero();
        assertThat(held).as("touches were waiting when the campaign paused (%d sent)", sentAtPause).isPositive();
        walk.step("run the tick while paused", () -> {
            walk.openFromNavigation("Command center");
            console.click(walk.button("Run the tick now"));
            console.waitFor("the tick's result", d -> walk.notificationTexts().stream().anyMatch(t -> t.startsWith("Tick: ")));
        });
        Thread.sleep(5_000); // five of the dispatcher's one-second polls
        assertThat(sent(id)).as("nothing more is sent while paused").isEqualTo(sentAtPause);
        assertThat(count("select count(*) from outreach_message m join enrollment e on e.id = m.enrollment_id"
                + " where e.campaign_id = ? and m.status = 'PENDING' and m.waiting_for = 'campaign-paused'", id))
                .as("the held messages are kept, not lost").isEqualTo(held);

        walk.step("resume the campaign", () -> {
            walk.openFromNavigation("Campaigns");
            console.click(walk.cell(CAMPAIGN));
            console.waitFor("the campaign's page", d -> !d.findElements(ConsoleWalk.heading(CAMPAIGN)).isEmpty());
            console.click(walk.button("Resume"));
            console.waitFor("ACTIVE", d -> "ACTIVE".equals(statusBadge()));
        });
        assertThat(count("select count(*) from outreach_message m join enrollment e on e.id = m.enrollment_id"
                + " where e.campaign_id = ? and m.waiting_for = 'campaign-paused'", id)).as("released on resume").isZero();
    }

    private void cloneIt(long id) {
        walk.stepLeavingDialogOpen("open Clone", () -> {
            console.click(walk.button("Clone"));
            walk.waitForOpenDialogs(1);
        });
        walk.step("clone it into a draft and land on the copy", () -> {
            console.click(console.driver.findElement(By.id("clone-confirm")));
            walk.waitForOpenDialogs(0);
            console.waitFor("the copy's page", d -> !d.findElements(ConsoleWalk.heading(CAMPAIGN + " (copy)")).isEmpty());
            assertThat(statusBadge()).isEqualTo("DRAFT");
        });
        CampaignDetails source = SystemActor.call(() -> campaigns.find(id).orElseThrow());
        CampaignDetails copy = campaign(CAMPAIGN + " (copy)");
        assertThat(copy.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(copy.touches()).isEqualTo(source.touches()).hasSize(3);
        assertThat(copy.schedule()).isEqualTo(source.schedule());
        assertThat(count("select count(*) from enrollment where campaign_id = ?", copy.id())).as("no leads copied").isZero();
    }

    // ---- helpers

    private void openTab(String label) {
        console.click(console.driver.findElement(By.xpath("//vaadin-tab[normalize-space(.)=" + ConsoleWalk.literal(label) + "]")));
        console.waitFor(label + " selected", d -> d.findElement(By.xpath("//vaadin-tab[normalize-space(.)="
                + ConsoleWalk.literal(label) + "]")).getDomAttribute("selected") != null
                && Boolean.TRUE.equals(console.script(ConsoleWalk.IDLE)));
    }

    private String statusBadge() {
        return console.driver.findElement(By.cssSelector(".campaign-status")).getText();
    }

    /** A stage's count as the overview's funnel chart writes it. */
    @SuppressWarnings("unchecked")
    private long funnel(String stage) {
        List<String> texts = console.waitFor("the funnel", d -> (List<String>) console.script(
                "const t = Array.from(document.querySelectorAll('.campaign-funnel svg text')).map(e => e.textContent);"
                + " return t.length ? t : null"));
        return Long.parseLong(texts.get(texts.indexOf(stage) + 1).replace(",", ""));
    }

    private CampaignDetails campaign() {
        return campaign(CAMPAIGN);
    }

    private CampaignDetails campaign(String name) {
        return SystemActor.call(() -> {
            CampaignSummary summary = campaigns.findAll(true).stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
            return campaigns.find(summary.id()).orElseThrow();
        });
    }

    private long sent(long campaignId) {
        return count("select count(distinct m.lead_id) from outreach_message m join enrollment e on e.id = m.enrollment_id"
                + " where e.campaign_id = ? and m.status not in ('PENDING', 'SENDING', 'FAILED', 'SKIPPED')", campaignId);
    }

    private long count(String sql, long campaignId) {
        return jdbc.sql(sql).param(campaignId).query(Long.class).single();
    }
}
