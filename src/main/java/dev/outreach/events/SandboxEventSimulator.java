package dev.outreach.events;

import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.shared.DeliveryMode;
import dev.outreach.shared.JobRuns;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Sandbox life: turns email delivered into the sandbox into the events a real provider would
 * report (delivered, bounce, complaint, opens, clicks, replies) at the configured rates, and
 * feeds them through {@link EmailEventIngestion}, the same path as webhook events, so health
 * grids, reputation and metrics move as they would in production. Runs only while delivery is
 * SANDBOX; each message is simulated once (its events carry provider {@code simulator}).
 * Outcomes are drawn from a generator seeded by the message id, so a message always gets the
 * same story.
 */
@Service
@ConditionalOnProperty(name = "outreach.simulator.enabled", havingValue = "true")
@EnableConfigurationProperties(SimulatorProperties.class)
public class SandboxEventSimulator {

    static final String PROVIDER = "simulator";
    private static final Logger log = LoggerFactory.getLogger(SandboxEventSimulator.class);

    private final SimulatorProperties properties;
    private final EmailEventIngestion ingestion;
    private final EngineSettingsService engine;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final JobRuns jobs;
    private final InboundMailRecorder recorder;

    SandboxEventSimulator(SimulatorProperties properties, EmailEventIngestion ingestion, EngineSettingsService engine,
            JdbcClient jdbc, Clock clock, JobRuns jobs, InboundMailRecorder recorder) {
        this.recorder = recorder;
        this.properties = properties;
        this.ingestion = ingestion;
        this.engine = engine;
        this.jdbc = jdbc;
        this.clock = clock;
        this.jobs = jobs;
    }

    @Scheduled(fixedDelayString = "${outreach.simulator.interval:30s}", initialDelayString = "${outreach.simulator.interval:30s}")
    @SchedulerLock(name = "sandbox-event-simulator")
    void scheduledRun() {
        try {
            int simulated = jobs.call("sandbox-event-simulator", this::run);
            if (simulated > 0) {
                log.info("Sandbox simulator: events for {} sandbox emails", simulated);
            }
        } catch (RuntimeException e) {
            log.warn("Sandbox simulator run failed; it tries again at the next interval", e);
        }
    }

    /** Simulates the events of sandbox email sent at least {@code delay} ago; returns how many messages. */
    public int run() {
        if (engine.deliveryMode() != DeliveryMode.SANDBOX) {
            return 0;
        }
        Instant now = clock.instant();
        List<Sent> sent = jdbc.sql("""
                select o.id, d.domain, o.sent_at, o.mailbox_id, o.subject, l.first_name, l.email from outreach_message o
                left join mailbox m on m.id = o.mailbox_id
                left join sending_domain d on d.id = m.domain_id
                left join lead l on l.id = o.lead_id
                where o.channel_used = 'EMAIL' and o.status = 'SENT' and o.sent_at <= :before
                  and not exists (select 1 from email_event e where e.message_id = o.id and e.provider = 'simulator')
                order by o.sent_at
                fetch first :limit rows only
                """).param("before", Timestamp.from(now.minus(properties.delay()))).param("limit", properties.batchSize())
                .query((rs, n) -> new Sent(rs.getObject("id", UUID.class),
                        rs.getString("domain") == null ? null : rs.getString("domain").toLowerCase(Locale.ROOT),
                        rs.getTimestamp("sent_at").toInstant(), (Long) rs.getObject("mailbox_id", Long.class),
                        rs.getString("subject"), rs.getString("first_name"), rs.getString("email")))
                .list();
        for (Sent message : sent) {
            List<EmailEvent> story = story(message.id(), message.domain(), message.sentAt(), now);
            Optional<EmailEvent> reply = story.stream().filter(e -> e.kind() == EmailEventKind.REPLIED).findFirst();
            if (reply.isPresent() && message.mailboxId() != null) {
                ingestion.ingestAll(story.stream().filter(e -> e.kind() != EmailEventKind.REPLIED).toList());
                recorder.recordReply(message.mailboxId(), replyMail(message, reply.get().occurredAt()));
            } else {
                ingestion.ingestAll(story);
            }
        }
        return sent.size();
    }

    private record Sent(UUID id, String domain, Instant sentAt, Long mailboxId, String subject, String firstName,
            String email) {
    }

    /**
     * A simulated reply arrives as a mail read over IMAP would: on the lead's timeline and in the
     * inbox with its text (labelled by the reply rules), and as the REPLIED event, in one transaction.
     * Its Message-ID is fixed by our message's, so a run repeated after a crash records nothing twice.
     */
    private static InboundMail.Reply replyMail(Sent message, Instant at) {
        String headerId = "<" + message.id() + ".reply@simulator.sandbox>";
        String subject = message.subject() == null || message.subject().isBlank() ? "Re: your message" : "Re: " + message.subject();
        return new InboundMail.Reply(headerId, headerId, List.of("<" + message.id() + "@" + message.domain() + ">"),
                message.email(), subject, SandboxReplies.text(message.id(), message.firstName(), message.email()), at, at);
    }

    /** The events of one message, in the order they would arrive. */
    List<EmailEvent> story(UUID messageId, String domain, Instant sentAt, Instant now) {
        SplittableRandom random = new SplittableRandom(messageId.getMostSignificantBits() ^ messageId.getLeastSignificantBits());
        List<EmailEvent> events = new ArrayList<>();
        Instant at = sentAt.plusSeconds(2);
        if (random.nextDouble() < properties.bounceRateFor(domain)) {
            boolean hard = random.nextDouble() < properties.hardBounceShare();
            events.add(event(messageId, "bounce", EmailEventKind.BOUNCED, at, hard, false,
                    hard ? "550 5.1.1 The email account that you tried to reach does not exist (simulated)"
                            : "452 4.2.2 Mailbox full (simulated)"));
            return events;
        }
        events.add(event(messageId, "delivered", EmailEventKind.DELIVERED, at, false, false, "250 OK (simulated)"));
        if (random.nextDouble() < properties.complaintRate()) {
            events.add(event(messageId, "complaint", EmailEventKind.COMPLAINED, latest(at.plusSeconds(3600), now), false,
                    false, "Marked as spam (simulated)"));
            return events;
        }
        if (random.nextDouble() < properties.openRate()) {
            boolean machine = random.nextDouble() < properties.machineOpenShare();
            int opens = machine ? 1 : 1 + random.nextInt(4);
            for (int i = 0; i < opens; i++) {
                events.add(event(messageId, "open-" + i, EmailEventKind.OPENED,
                        latest(at.plusSeconds(machine ? 1 : 600L * (i + 1)), now), false, machine,
                        machine ? "Opened by a mail privacy proxy (simulated)" : "Opened (simulated)"));
            }
            if (!machine && random.nextDouble() < properties.clickRate() / Math.max(properties.openRate(), 0.01)) {
                events.add(event(messageId, "click", EmailEventKind.CLICKED, latest(at.plusSeconds(1800), now), false, false,
                        "Clicked a link (simulated)"));
            }
            if (!machine && random.nextDouble() < properties.replyRate() / Math.max(properties.openRate(), 0.01)) {
                events.add(event(messageId, "reply", EmailEventKind.REPLIED, latest(at.plusSeconds(3600), now), false, false,
                        "Replied (simulated)"));
            }
        }
        return events;
    }

    private static Instant latest(Instant at, Instant now) {
        return at.isAfter(now) ? now : at;
    }

    private static EmailEvent event(UUID messageId, String suffix, EmailEventKind kind, Instant at, boolean hardBounce,
            boolean machineOpen, String detail) {
        return new EmailEvent(PROVIDER, messageId + ":" + suffix, kind, messageId, null, at, hardBounce, machineOpen, detail,
                null);
    }
}
