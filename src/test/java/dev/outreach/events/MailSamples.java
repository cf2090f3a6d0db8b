package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.outreach.events.InboundCorpus.Sample;
import dev.outreach.events.WebhookTestSupport.SentMessage;
import dev.outreach.lead.LeadService;
import dev.outreach.shared.SecretCipher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Mail samples through the real poller and the real ingestion: each sample is delivered to the
 * IMAP inbox (GreenMail) of the mailbox that sent the message it is about, the poller reads it as
 * the scheduler calls it, and the database must hold what the manifest says (event rows,
 * suppression, lead status, enrollment pause, timeline, flag). A challenge's link points at a local
 * server that counts fetches: a person may follow it, the engine never does.
 */
final class MailSamples implements AutoCloseable {

    private static final String PASSWORD = "corpus-s3cret";

    private final GreenMail mailServer;
    private final HttpServer trap;
    private final AtomicInteger trapHits = new AtomicInteger();
    private final JdbcClient jdbc;
    private final LeadService leads;
    private final SecretCipher secrets;
    private final ImapPoller poller;

    MailSamples(JdbcClient jdbc, LeadService leads, SecretCipher secrets, ImapPoller poller) throws IOException {
        this.jdbc = jdbc;
        this.leads = leads;
        this.secrets = secrets;
        this.poller = poller;
        mailServer = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        mailServer.start();
        trap = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        trap.createContext("/", exchange -> {
            trapHits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        trap.start();
    }

    @Override
    public void close() {
        mailServer.stop();
        trap.stop(0);
    }

    /** A sample placed for a run: the message it is about and the values of its placeholders. */
    final class Placed implements InboundCorpus.Placed {

        private final Sample sample;
        private final SentMessage sent;
        private final Map<String, String> values;

        Placed(Sample sample, SentMessage sent, Map<String, String> values) {
            this.sample = sample;
            this.sent = sent;
            this.values = values;
        }

        @Override
        public Sample sample() {
            return sample;
        }

        /** Delivered to its mailbox's inbox, then one poll of every inbox reads it, and only it. */
        @Override
        public void arrive() throws Exception {
            deliver(sent.mailbox(), this);
            assertThat(poller.pollAll()).as(sample + ": mail read by the poll").isEqualTo(1);
        }

        /** Exactly the effect the manifest names, each once, and nothing else. */
        @Override
        public void assertEffect(int times) {
            String effect = sample.effect();
            String why = sample.toString();
            Map<String, Long> events = events();
            switch (effect) {
                case "BOUNCE_HARD", "BOUNCE_SOFT" -> {
                    assertThat(events).as(why).isEqualTo(Map.of("BOUNCED", 1L));
                    boolean hard = effect.equals("BOUNCE_HARD");
                    assertThat(messageStatus()).as(why).isEqualTo(hard ? "BOUNCED" : "SENT");
                    assertThat(leadStatus()).as(why).isEqualTo(hard ? "BOUNCED" : "NEW");
                    assertThat(suppressions()).as(why).isEqualTo(hard ? 1 : 0);
                    assertDetail("BOUNCED");
                }
                case "DEFERRED" -> {
                    assertThat(events).as(why).isEqualTo(Map.of("DEFERRED", 1L));
                    assertThat(messageStatus()).as(why).isEqualTo("SENT");
                    assertThat(suppressions()).as(why).isZero();
                    assertDetail("DEFERRED");
                }
                case "COMPLAINT" -> {
                    assertThat(events).as(why).isEqualTo(Map.of("COMPLAINED", 1L));
                    assertThat(leadStatus()).as(why).isEqualTo("UNSUBSCRIBED");
                    assertThat(suppressions()).as(why).isEqualTo(1);
                    assertThat(jdbc.sql("select email_unsubscribed from enrollment where id = ?").param(sent.enrollmentId())
                            .query(Boolean.class).single()).as(why).isTrue();
                    assertDetail("COMPLAINED");
                }
                case "REPLY" -> assertReply(events);
                case "AUTO_REPLY" -> assertAutoReply(events);
                case "CHALLENGE" -> {
                    assertThat(events).as(why).isEmpty();
                    assertThat(timeline()).as(why).containsExactly("CHALLENGE");
                    String flag = jdbc.sql("select email_flag from lead where id = ?").param(sent.leadId()).query(String.class)
                            .single();
                    assertThat(flag).as(why).contains(sample.expected("flag", values)).contains("not followed");
                    assertThat(audits("lead.email-flag")).as(why).isEqualTo(1);
                    assertThat(trapHits.get()).as("the challenge's link is never fetched").isZero();
                }
                case "NONE" -> {
                    assertThat(events).as(why).isEmpty();
                    assertThat(timeline()).as(why).isEmpty();
                    assertThat(leadStatus()).as(why).isEqualTo("NEW");
                    assertThat(enrollment("paused_until")).as(why).isNull();
                }
                default -> throw new IllegalArgumentException("Unknown effect in " + why + ": " + effect);
            }
        }

        private void assertReply(Map<String, Long> events) {
            String why = sample.toString();
            assertThat(events).as(why).isEqualTo(Map.of("REPLIED", 1L));
            assertThat(timeline()).as(why).containsExactly("REPLY");
            assertThat(leadStatus()).as(why).isEqualTo("REPLIED");
            assertThat(messageStatus()).as(why).isEqualTo("REPLIED");
            String excerpt = sample.expected("excerpt", values);
            if (excerpt != null) {
                assertThat(jdbc.sql("select excerpt from email_reply where lead_id = ?").param(sent.leadId())
                        .query(String.class).single()).as(why).startsWith(excerpt);
            }
        }

        private void assertAutoReply(Map<String, Long> events) {
            String why = sample.toString();
            assertThat(events).as(why + ": not a reply").isEmpty();
            assertThat(timeline()).as(why).containsExactly("AUTO_REPLY");
            assertThat(leadStatus()).as(why).isEqualTo("NEW");
            String until = sample.expected("paused_until", values);
            Instant paused = jdbc.sql("select paused_until from enrollment where id = ?").param(sent.enrollmentId())
                    .query(Timestamp.class).single().toInstant();
            if (until.startsWith("+")) {
                Duration pause = Duration.ofDays(Long.parseLong(until.replaceAll("\\D", "")));
                assertThat(paused).as(why).isBetween(Instant.now().plus(pause).minus(Duration.ofHours(1)),
                        Instant.now().plus(pause));
                assertThat(jdbc.sql("select next_touch_due_at from enrollment where id = ?").param(sent.enrollmentId())
                        .query(Timestamp.class).single().toInstant()).as(why + ": the tick waits for the pause")
                        .isEqualTo(paused);
            } else {
                // the sample's lead has no time zone: the day starts in the engine's default zone
                String zone = jdbc.sql("select default_time_zone from sales_engine_config where id = 1")
                        .query(String.class).single();
                assertThat(paused).as(why).isEqualTo(LocalDate.parse(until).atStartOfDay(ZoneId.of(zone)).toInstant());
            }
            // the snooze is the inbox's automatic action for the label, taken once however often the mail is read
            assertThat(jdbc.sql("select outcome from reply_automation where lead_id = ?").param(sent.leadId())
                    .query(String.class).single()).as(why).startsWith("enrollment paused until");
            assertThat(audits("enrollment.pause")).as(why).isEqualTo(1);
            assertThat(audits("inbox.automatic")).as(why).isEqualTo(1);
        }

        /** The event row says what the report named: its status and recipient. */
        private void assertDetail(String type) {
            // what the event did, and the report as it came (an ARF's recipient is there)
            String detail = jdbc.sql("""
                    select e.detail || ' ' || coalesce(e.raw_payload, '') from email_event e
                    where e.message_id = ? and e.provider = 'imap' and e.event_type = ?
                    """).params(sent.id(), type).query(String.class).single();
            String status = sample.expected("status", values);
            String recipient = sample.expected("recipient", values);
            if (status != null) {
                assertThat(detail).as(sample.toString()).contains(status);
            }
            if (recipient != null) {
                assertThat(detail.toLowerCase()).as(sample.toString()).contains(recipient.toLowerCase());
            }
        }

        private Map<String, Long> events() {
            Map<String, Long> counts = new LinkedHashMap<>();
            jdbc.sql("select event_type, count(*) from email_event where message_id = ? group by event_type")
                    .param(sent.id()).query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
            return counts;
        }

        private List<String> timeline() {
            return jdbc.sql("select kind from email_reply where lead_id = ? order by id").param(sent.leadId())
                    .query(String.class).list();
        }

        private String messageStatus() {
            return jdbc.sql("select status from outreach_message where id = ?").param(sent.id()).query(String.class).single();
        }

        private String leadStatus() {
            return jdbc.sql("select status from lead where id = ?").param(sent.leadId()).query(String.class).single();
        }

        private String enrollment(String column) {
            return jdbc.sql("select " + column + " from enrollment where id = ?").param(sent.enrollmentId())
                    .query((rs, n) -> Optional.ofNullable(rs.getString(1))).single().orElse(null);
        }

        private int suppressions() {
            return jdbc.sql("select count(*) from suppression where kind = 'ADDRESS' and lower(entry) = lower(?)")
                    .param(sent.leadEmail()).query(Integer.class).single();
        }

        private long audits(String action) {
            return jdbc.sql("select count(*) from audit_log where action = ? and entity_id = ?")
                    .params(action, String.valueOf(sent.leadId())).query(Long.class).single();
        }
    }

    /** Only the inboxes of the samples placed from now on are polled. */
    void pollNoOtherInbox() {
        jdbc.sql("update mailbox set imap_host = null").update();
    }

    /** A message sent to a fresh lead from a fresh mailbox, whose inbox the poller reads, with an active enrollment. */
    Placed place(Sample sample, String run) {
        SentMessage sent = WebhookTestSupport.sentMessage(jdbc, leads);
        mailServer.setUser(sent.mailbox(), sent.mailbox(), PASSWORD);
        pollable(sent.mailbox());
        jdbc.sql("update enrollment set status = 'ACTIVE', next_touch_due_at = ? where id = ?")
                .params(Timestamp.from(Instant.now()), sent.enrollmentId()).update();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("message-id", sent.headerId());
        values.put("lead-email", sent.leadEmail());
        values.put("mailbox", sent.mailbox());
        values.put("run", run);
        values.put("trap-url", "http://127.0.0.1:" + trap.getAddress().getPort() + "/verify/" + sample.name() + "?u=" + run);
        return new Placed(sample, sent, values);
    }

    /**
     * Every sample delivered three times into its own inbox and into a shared inbox that holds
     * every sample (a feedback-loop address or a catch-all), each round read by two pollers at
     * once, the third after forgetting every position (as after a UIDVALIDITY change). Afterwards
     * every inbox is read to its end.
     */
    void replayThreeTimesByTwoPollers(List<Placed> placed, String run) throws Exception {
        String shared = sharedInbox(run);
        try (ExecutorService pollers = Executors.newFixedThreadPool(2)) {
            for (int round = 1; round <= 3; round++) {
                for (Placed p : placed) {
                    deliver(p.sent.mailbox(), p);
                    deliver(shared, p);
                }
                if (round == 3) {
                    jdbc.sql("delete from imap_folder_position").update();
                }
                List<Future<Integer>> polls = List.of(pollers.submit(poller::pollAll), pollers.submit(poller::pollAll));
                for (Future<Integer> poll : polls) {
                    poll.get();
                }
            }
        }
        assertThat(unreadMail()).as("every mailbox read to its end").isZero();
    }

    private String sharedInbox(String run) {
        String domain = "shared-" + run + ".example";
        String address = "catch-all@" + domain;
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("insert into sending_domain (domain, created_at, updated_at) values (?, ?, ?)").params(domain, now, now)
                .update();
        jdbc.sql("""
                insert into mailbox (address, display_name, domain_id, created_at, updated_at)
                select ?, 'Shared', id, ?, ? from sending_domain where domain = ?
                """).params(address, now, now, domain).update();
        mailServer.setUser(address, address, PASSWORD);
        pollable(address);
        return address;
    }

    private void pollable(String mailbox) {
        jdbc.sql("""
                update mailbox set imap_host = '127.0.0.1', imap_port = ?, imap_security = 'NONE', imap_username = address,
                    imap_password_enc = ?
                where address = ?
                """).params(mailServer.getImap().getPort(), secrets.encrypt(PASSWORD), mailbox).update();
    }

    private void deliver(String mailbox, Placed placed) throws Exception {
        mailServer.getUserManager().getUser(mailbox).deliver(placed.sample.message(placed.values));
    }

    /** Messages in the polled inboxes past the position the poller stored. */
    private long unreadMail() throws Exception {
        long unread = 0;
        for (Map<String, Object> row : jdbc.sql("""
                select m.address, p.last_uid from mailbox m left join imap_folder_position p on p.mailbox_id = m.id
                where m.imap_host is not null
                """).query().listOfRows()) {
            var user = mailServer.getUserManager().getUser((String) row.get("address"));
            long last = row.get("last_uid") == null ? -1 : ((Number) row.get("last_uid")).longValue();
            unread += mailServer.getManagers().getImapHostManager().getInbox(user).getMessages().stream()
                    .filter(m -> m.getUid() > last).count();
        }
        return unread;
    }
}
