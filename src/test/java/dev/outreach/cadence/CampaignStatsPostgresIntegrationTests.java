package dev.outreach.cadence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.events.EmailEvent;
import dev.outreach.events.EmailEventIngestion;
import dev.outreach.events.EmailEventKind;
import dev.outreach.outreach.OutboxDispatcher;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.support.PostgresIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The campaign figures on PostgreSQL, from real work: the dry run of the tick grouped by
 * campaign, the tick writing the touches, the dispatcher sending them through the sandbox SMTP
 * server, and events through the one ingestion path (delivered, a person's open and a machine's,
 * a click, a reply, a bounce, an unsubscribe); then every funnel stage in total, per touch and per
 * channel, the list's figures, the daily counts and the waiting reasons.
 */
@Import(MutableClock.Config.class)
@TestPropertySource(properties = {"outreach.cadence.tick-enabled=false", "outreach.dispatch.enabled=false"})
class CampaignStatsPostgresIntegrationTests extends PostgresIntegrationTest implements CadenceFixtures {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    SequencerTick tick;
    @Autowired
    TickPreview preview;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    EmailEventIngestion ingestion;
    @Autowired
    CampaignStatsService stats;

    @Override
    public JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @BeforeEach
    void oneMailbox() {
        jdbc.sql("update channel_config set max_per_lead = 10 where channel = 'EMAIL'").update();
        if (jdbc.sql("select count(*) from mailbox").query(Integer.class).single() == 0) {
            Timestamp now = Timestamp.from(Instant.now());
            jdbc.sql("insert into sending_domain (domain, created_at, updated_at) values ('stats.example', ?, ?)")
                    .params(now, now).update();
            jdbc.sql("""
                    insert into mailbox (address, display_name, domain_id, daily_cap, created_at, updated_at)
                    select 'sender@stats.example', 'Sender', id, 500, ?, ? from sending_domain where domain = 'stats.example'
                    """).params(now, now).update();
        }
    }

    private void dispatchAll() {
        SystemActor.run(dispatcher::dispatchBatch);
        assertThat(jdbc.sql("select count(*) from outreach_message where status in ('PENDING', 'SENDING')").query(Long.class)
                .single()).as("everything was sent").isZero();
    }

    private UUID message(long lead, int touch) {
        return jdbc.sql("select id from outreach_message where lead_id = :lead and touch = :touch")
                .param("lead", lead).param("touch", touch).query(UUID.class).single();
    }

    private void event(EmailEventKind kind, long lead, boolean machine) {
        assertThat(ingestion.ingest(new EmailEvent("test", UUID.randomUUID().toString(), kind, message(lead, 0), null,
                clock.instant(), kind == EmailEventKind.BOUNCED, machine, kind.name().toLowerCase(), null)))
                .isEqualTo(EmailEventIngestion.Outcome.APPLIED);
    }

    @Test
    void everyFunnelStageTheListTheDaysAndTheWaitingReasonsFollowWhatHappened() {
        long spring = campaign("America/Chicago");
        long other = campaign("America/Chicago");
        long opener = lead("opener", null);
        long prefetched = lead("prefetched", null);
        long unsubscriber = lead("unsubscriber", null);
        long bouncer = lead("bouncer", null);
        long elsewhere = lead("elsewhere", null);
        for (long lead : List.of(opener, prefetched, unsubscriber, bouncer)) {
            enrollment(lead, spring, 0, null);
        }
        enrollment(elsewhere, other, 0, null);
        Instant start = clock.instant();

        // the dry run of the next tick, by campaign
        TickPreview.Preview plan = SystemActor.call(() -> preview.preview(5000));
        assertThat(plan.campaigns()).extracting(TickPreview.CampaignLine::campaignId, TickPreview.CampaignLine::examined,
                TickPreview.CampaignLine::wouldQueue).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(spring, 4, 4), org.assertj.core.groups.Tuple.tuple(other, 1, 1));
        assertThat(plan.campaigns().getFirst().campaign()).startsWith("Cadence ");

        // touch 1 for all five, sent; then what came back
        assertThat(SystemActor.call(tick::tick).queued()).isEqualTo(5);
        dispatchAll();
        clock.advance(Duration.ofHours(2));
        for (long lead : List.of(opener, prefetched, unsubscriber)) {
            event(EmailEventKind.DELIVERED, lead, false);
        }
        event(EmailEventKind.OPENED, opener, false);
        event(EmailEventKind.OPENED, prefetched, true);
        event(EmailEventKind.CLICKED, opener, false);
        event(EmailEventKind.BOUNCED, bouncer, false);
        event(EmailEventKind.UNSUBSCRIBED, unsubscriber, false);
        clock.advance(Duration.ofHours(1));
        event(EmailEventKind.REPLIED, opener, false);
        Instant replied = clock.instant();

        // 40 hours on: past the lower bound, before the 72 hours of a lead no person opened
        clock.set(start.plus(Duration.ofHours(40)));
        CampaignOverview waiting = SystemActor.call(() -> stats.overview(spring));
        assertThat(waiting.waitingReasons()).containsEntry("Waiting for the adaptive delay: the follow-up is not due yet", 1L);

        // 73 hours on: touch 2 for the lead only a machine opened; the others stopped
        clock.set(start.plus(Duration.ofHours(73)));
        assertThat(SystemActor.call(tick::tick).queued()).as("touch 2 of the prefetched lead, of the other campaign's lead")
                .isEqualTo(2);
        dispatchAll();
        Instant secondSend = clock.instant();

        CampaignOverview overview = SystemActor.call(() -> stats.overview(spring));
        assertThat(overview.total()).isEqualTo(new Funnel(4, 4, 3, 1, 1, 1, 1, 1));
        assertThat(overview.byTouch()).containsOnlyKeys(1, 2);
        assertThat(overview.byTouch().get(1)).isEqualTo(new Funnel(4, 4, 3, 1, 1, 1, 1, 1));
        assertThat(overview.byTouch().get(2)).isEqualTo(new Funnel(1, 1, 0, 0, 0, 0, 0, 0));
        assertThat(overview.byChannel()).containsOnlyKeys(ChannelType.EMAIL);
        assertThat(overview.byChannel().get(ChannelType.EMAIL)).isEqualTo(new Funnel(5, 5, 3, 1, 1, 1, 1, 1));
        assertThat(overview.waitingReasons()).containsEntry(CampaignStatsService.NOT_DUE, 1L);

        Map<Long, CampaignFigures> figures = SystemActor.call(() -> stats.figures(List.of(spring, other, 999_999L)));
        assertThat(figures.get(spring)).isEqualTo(new CampaignFigures(4, 4, 1, 25.0, 25.0, secondSend));
        assertThat(figures.get(other).leads()).isEqualTo(1);
        assertThat(figures.get(other).contacted()).isEqualTo(1);
        assertThat(figures.get(other).replies()).isZero();
        assertThat(figures.get(999_999L)).isEqualTo(new CampaignFigures(0, 0, 0, 0, 0, null));

        List<DailyActivity> days = SystemActor.call(() -> stats.daily(spring, 30));
        LocalDate today = LocalDate.ofInstant(secondSend, CHICAGO);
        assertThat(days).hasSize(30);
        assertThat(days.getLast().day()).isEqualTo(today);
        assertThat(days.getFirst().day()).isEqualTo(today.minusDays(29));
        LocalDate firstDay = LocalDate.ofInstant(start, CHICAGO);
        assertThat(days).filteredOn(d -> d.day().equals(firstDay)).singleElement()
                .isEqualTo(new DailyActivity(firstDay, 4, 1, LocalDate.ofInstant(replied, CHICAGO).equals(firstDay) ? 1 : 0));
        assertThat(days).filteredOn(d -> d.day().equals(today)).singleElement()
                .isEqualTo(new DailyActivity(today, 1, 0, 0));
        assertThat(days.stream().mapToLong(DailyActivity::sends).sum()).isEqualTo(5);
        assertThat(days.stream().mapToLong(DailyActivity::humanOpens).sum()).as("the machine's open is not a person's")
                .isEqualTo(1);
        assertThat(days.stream().mapToLong(DailyActivity::replies).sum()).isEqualTo(1);
    }
}
