package dev.outreach.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.cadence.CampaignOverview;
import dev.outreach.cadence.CampaignStatsService;
import dev.outreach.events.EmailEvent;
import dev.outreach.events.EmailEventIngestion;
import dev.outreach.events.EmailEventKind;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.support.PostgresIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reply metrics on PostgreSQL from replies that arrive as the IMAP poller records them (the
 * reply on the lead's timeline and its REPLIED event in one transaction), labelled by the rules
 * when they arrive and relabelled by people: two campaigns, their rates in total, per touch and
 * per channel over the funnel's contacted counts, the command center's summary and the
 * classifier's agreement with the relabels.
 */
@TestPropertySource(properties = {"outreach.cadence.tick-enabled=false", "outreach.dispatch.enabled=false",
        "outreach.imap.enabled=false", "outreach.simulator.enabled=false"})
class ReplyMetricsIntegrationTests extends PostgresIntegrationTest {

    static final String INTERESTED = "Sounds interesting, tell me more.";
    static final String MEETING = "Could we schedule a call? Thursday afternoon would suit me.";
    static final String DECLINE = "No thanks, we are all set.";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    EmailEventIngestion ingestion;
    @Autowired
    ReplyMetrics metrics;
    @Autowired
    ReplyIntents intents;
    @Autowired
    CampaignStatsService stats;

    private final Instant sent = Instant.now().minus(Duration.ofDays(2));

    @Test
    void ratesPerCampaignTouchAndChannelFollowTheLabelsInForce() {
        long spring = campaign("Spring roofs");
        long autumn = campaign("Autumn gutters");
        long a1 = lead(spring, "a1");
        long a2 = lead(spring, "a2");
        long a3 = lead(spring, "a3");
        long a4 = lead(spring, "a4");
        long b1 = lead(autumn, "b1");
        long b2 = lead(autumn, "b2");
        UUID a1First = message(a1, 0, ChannelType.EMAIL);
        UUID a1Second = message(a1, 1, ChannelType.EMAIL);
        UUID a2First = message(a2, 0, ChannelType.EMAIL);
        UUID a3First = message(a3, 0, ChannelType.EMAIL);
        message(a4, 0, ChannelType.LINKEDIN);
        UUID b1First = message(b1, 0, ChannelType.EMAIL);
        UUID b2First = message(b2, 0, ChannelType.EMAIL);
        assertThat(a1First).isNotNull();

        replies(a1Second, a1, INTERESTED);
        replies(a2First, a2, MEETING);
        replies(a3First, a3, DECLINE);
        long b1Reply = replies(b1First, b1, MEETING);
        long b2Reply = replies(b2First, b2, DECLINE);
        assertThat(labelOf(b1Reply)).as("labelled by the rules on arrival").isEqualTo(IntentLabel.MEETING_REQUEST);
        assertThat(labelOf(b2Reply)).isEqualTo(IntentLabel.NOT_INTERESTED);
        // people disagree with the rules on both of autumn's replies
        SystemActor.run(() -> intents.relabel(b1Reply, ReplyIntents.Relabel.to(IntentLabel.NOT_INTERESTED)));
        SystemActor.run(() -> intents.relabel(b2Reply, ReplyIntents.Relabel.to(IntentLabel.INTERESTED)));

        CampaignReplyRates springRates = rates(spring);
        assertThat(springRates.total()).isEqualTo(new ReplyRates(4, 3, 2, 1));
        assertThat(springRates.total().replyRate()).isEqualTo(75.0);
        assertThat(springRates.total().positiveRate()).isEqualTo(50.0);
        assertThat(springRates.total().meetingRate()).isEqualTo(25.0);
        assertThat(springRates.byTouch()).containsOnlyKeys(1, 2);
        assertThat(springRates.byTouch().get(1)).isEqualTo(new ReplyRates(4, 2, 1, 1));
        assertThat(springRates.byTouch().get(2)).isEqualTo(new ReplyRates(1, 1, 1, 0));
        assertThat(springRates.byChannel()).containsOnlyKeys(ChannelType.EMAIL, ChannelType.LINKEDIN);
        assertThat(springRates.byChannel().get(ChannelType.EMAIL)).isEqualTo(new ReplyRates(4, 3, 2, 1));
        assertThat(springRates.byChannel().get(ChannelType.LINKEDIN)).isEqualTo(new ReplyRates(1, 0, 0, 0));

        CampaignReplyRates autumnRates = rates(autumn);
        assertThat(autumnRates.total()).as("the person's labels count, not the rules'").isEqualTo(new ReplyRates(2, 2, 1, 0));
        assertThat(autumnRates.total().positiveRate()).isEqualTo(50.0);
        assertThat(autumnRates.total().meetingRate()).isZero();

        ReplyMetrics.Summary summary = SystemActor.call(metrics::summary);
        assertThat(summary.campaigns()).extracting(ReplyMetrics.CampaignLine::name, ReplyMetrics.CampaignLine::rates)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Spring roofs", new ReplyRates(4, 3, 2, 1)),
                        org.assertj.core.groups.Tuple.tuple("Autumn gutters", new ReplyRates(2, 2, 1, 0)));
        assertThat(summary.all()).isEqualTo(new ReplyRates(6, 5, 3, 1));
        assertThat(summary.agreement().labelled()).isEqualTo(5);
        assertThat(summary.agreement().overall()).isEqualTo(new Agreement.Reviewed(2, 0));
        assertThat(summary.agreement().bySource()).containsOnlyKeys(IntentSource.RULE);
    }

    private CampaignReplyRates rates(long campaignId) {
        return SystemActor.call(() -> {
            CampaignOverview overview = stats.overview(campaignId);
            return metrics.ofCampaign(campaignId, overview);
        });
    }

    private IntentLabel labelOf(long replyId) {
        return SystemActor.call(() -> intents.labelOf(replyId)).orElseThrow().intent().label();
    }

    private long campaign(String name) {
        return jdbc.sql("""
                insert into campaign (name, status, default_time_zone, created_at, updated_at)
                values (:name, 'ACTIVE', 'UTC', :now, :now) returning id
                """).param("name", name).param("now", Timestamp.from(sent)).query(Long.class).single();
    }

    /** A lead enrolled in the campaign, its touches to come. */
    private long lead(long campaignId, String name) {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@metrics.example";
        long lead = jdbc.sql("""
                insert into lead (first_name, email, email_normalized, status, created_at, updated_at)
                values (:name, :email, :email, 'CONTACTED', :now, :now) returning id
                """).param("name", name).param("email", email).param("now", Timestamp.from(sent)).query(Long.class).single();
        jdbc.sql("""
                insert into enrollment (lead_id, campaign_id, outreach_sequence_step, status, last_email_sent_at,
                    next_touch_due_at, created_at, updated_at)
                values (:lead, :campaign, 1, 'ACTIVE', :now, :due, :now, :now)
                """).param("lead", lead).param("campaign", campaignId).param("now", Timestamp.from(sent))
                .param("due", Timestamp.from(sent.plus(Duration.ofDays(5)))).update();
        return lead;
    }

    /** A touch that went out on {@code channel}. */
    private UUID message(long lead, int touch, ChannelType channel) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into outreach_message (id, lead_id, enrollment_id, touch, message_type, subject, body, status, due_at,
                    sent_at, channel_used, first_channel, step_index, created_at, updated_at)
                select :id, :lead, e.id, :touch, 'cold_outreach', 'Roofs', 'Hello', 'SENT', :at, :at, :channel, :channel, 0,
                    :at, :at
                from enrollment e where e.lead_id = :lead
                """).param("id", id).param("lead", lead).param("touch", touch).param("channel", channel.name())
                .param("at", Timestamp.from(sent.plus(Duration.ofHours(touch)))).update();
        return id;
    }

    /** The lead's reply to {@code message}, recorded as the IMAP poller records one; returns its id. */
    private long replies(UUID message, long lead, String text) {
        Instant at = Instant.now().minus(Duration.ofHours(1));
        return transaction.execute(tx -> {
            long reply = jdbc.sql("""
                    insert into email_reply (message_id, lead_id, header_message_id, from_address, subject, excerpt,
                        received_at, written_at, kind)
                    values (:message, :lead, :header, 'lead@metrics.example', 'Re: Roofs', :text, :at, :at, 'REPLY')
                    returning id
                    """).param("message", message).param("lead", lead).param("header", "<" + UUID.randomUUID() + "@mail.example>")
                    .param("text", text).param("at", Timestamp.from(at)).query(Long.class).single();
            assertThat(ingestion.ingest(new EmailEvent("imap", "reply:" + reply, EmailEventKind.REPLIED, message, null, at,
                    false, false, "Reply from lead@metrics.example: Re: Roofs", null)))
                    .isEqualTo(EmailEventIngestion.Outcome.APPLIED);
            return reply;
        });
    }
}
