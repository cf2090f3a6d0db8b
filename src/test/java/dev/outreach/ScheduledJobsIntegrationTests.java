package dev.outreach;

import static dev.outreach.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.outreach.cadence.EnrollmentService;
import dev.outreach.channel.email.SandboxMail;
import dev.outreach.channel.email.SandboxMailServer;
import dev.outreach.channel.task.ManualTaskService;
import dev.outreach.channel.task.ManualTaskType;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.outreach.OutreachService;
import dev.outreach.outreach.SequenceResult;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.SecretCipher;
import dev.outreach.support.CapturedLog;
import dev.outreach.support.MovableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every {@code @Scheduled} job as the scheduler runs it: Spring's scheduler calls each job's
 * scheduled method every second (the re-contact worker on a cron firing every second), under its
 * ShedLock lock, in one application; the tests only set up work and read the database afterwards.
 * Each test fails on any WARN or ERROR logged while it ran and on any failed run
 * ({@code outreach.job.runs}). The health guard's own effects are
 * {@link dev.outreach.deliverability.HealthGuardScheduleIntegrationTests}.
 */
@SpringBootTest(properties = {"outreach.cadence.check-interval=1s", "outreach.dispatch.poll-interval=1s",
        "outreach.simulator.enabled=true", "outreach.simulator.interval=1s", "outreach.simulator.delay=0s",
        "outreach.cadence.recontact-cron=* * * * * *", "outreach.manual-tasks.expiry-check=PT1S",
        "outreach.imap.enabled=true", "outreach.imap.poll-interval=1s",
        "outreach.reputation.guard-initial-delay=PT1S", "outreach.reputation.guard-interval=PT1S",
        "outreach.dispatch.doubt.reconcile=true", "outreach.dispatch.doubt.interval=1s"})
@ActiveProfiles("test")
@Import(MovableClock.Config.class)
class ScheduledJobsIntegrationTests {

    static final List<String> JOBS = List.of("sequencer-tick", "outbox-dispatcher", "sandbox-event-simulator",
            "recontact-worker", "manual-task-expiry", "imap-poller", "health-guard", "sent-folder-reconciler");
    private static final String IMAP_PASSWORD = "imap-s3cret";
    private static GreenMail mailServer;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MovableClock clock;
    @Autowired
    MeterRegistry meters;
    @Autowired
    LeadService leads;
    @Autowired
    EnrollmentService enrollments;
    @Autowired
    OutreachService outreach;
    @Autowired
    ManualTaskService tasks;
    @Autowired
    SandboxMailServer sandbox;
    @Autowired
    SecretCipher secrets;

    @RegisterExtension
    final CapturedLog log = new CapturedLog().ignoring("com.icegreen.greenmail"); // the test's IMAP server

    private final String token = Long.toString(System.nanoTime(), 36);

    @BeforeAll
    static void startMailServer() {
        mailServer = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        mailServer.start();
    }

    @AfterAll
    static void stopMailServer() {
        mailServer.stop();
    }

    @BeforeEach
    void sendAnyDayAtAnyHour() {
        jdbc.sql("""
                update sales_engine_config set send_window_start_hour = 0, send_window_end_hour = 24,
                    send_days = 'MON,TUE,WED,THU,FRI,SAT,SUN' where id = 1
                """).update();
    }

    @AfterEach
    void everyRunFinishedQuietly() {
        log.assertNoWarnings();
        assertThat(JOBS).allSatisfy(job -> assertThat(runs(job, "failure")).as("failed runs of %s", job).isZero());
    }

    @Test
    void enrolledLeadsAreWrittenSentIntoTheSandboxAndGetTheirEventsByTheSchedulesAlone() {
        List<Long> enrolled = List.of(lead("ada"), lead("ben"), lead("cy"));
        SystemActor.run(() -> assertThat(enrollments.enroll(enrolled, null).enrolled()).isEqualTo(3));
        int interval = jdbc.sql("select tick_interval_minutes from sales_engine_config where id = 1").query(Integer.class).single();
        clock.advance(Duration.ofMinutes(interval + 1)); // the tick's interval has passed since its last run

        eventually(() -> assertThat(jdbc.sql("""
                select count(*) from enrollment e join outreach_message o on o.enrollment_id = e.id and o.touch = 0
                where e.lead_id in (:leads) and e.outreach_sequence_step = 1 and e.last_email_sent_at is not null
                """).param("leads", enrolled).query(Long.class).single()).as("touch 1 written, enrollments advanced")
                .isEqualTo(3));
        eventually(() -> assertThat(jdbc.sql("""
                select count(*) from outreach_message where lead_id in (:leads) and sent_at is not null
                  and mailbox_id is not null and status not in ('PENDING', 'SENDING')
                """).param("leads", enrolled).query(Long.class).single()).as("sent by the dispatcher").isEqualTo(3));
        List<String> addresses = jdbc.sql("select email from lead where id in (:leads)").param("leads", enrolled)
                .query(String.class).list();
        assertThat(SystemActor.call(() -> sandbox.messages(5_000))).extracting(mail -> address(mail.to()))
                .as("received by the sandbox SMTP server").containsAll(addresses);
        // delivered, bounced (a soft bounce leaves the message SENT), opened...: a story for each
        eventually(() -> assertThat(jdbc.sql("""
                select count(distinct o.id) from outreach_message o join email_event e on e.message_id = o.id
                where o.lead_id in (:leads) and e.provider = 'simulator'
                """).param("leads", enrolled).query(Long.class).single()).as("events from the simulator").isEqualTo(3));
    }

    @Test
    void anEnrollmentWhoseCooldownIsOverStartsANewCycleOnTheCron() {
        long lead = lead("dora");
        int cooldownDays = jdbc.sql("select recontact_cooldown_days from sales_engine_config where id = 1")
                .query(Integer.class).single();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into enrollment (lead_id, outreach_sequence_step, status, last_email_sent_at, re_contact_cycle,
                    created_at, updated_at)
                values (:lead, 3, 'CONTACTED', :sent, 0, :sent, :sent)
                """).param("lead", lead).param("sent", Timestamp.from(now.minus(Duration.ofDays(cooldownDays + 1))))
                .update();

        eventually(() -> assertThat(jdbc.sql("""
                select count(*) from enrollment where lead_id = :lead and re_contact_cycle = 1 and cycle_reset_at is not null
                """).param("lead", lead).query(Long.class).single()).isEqualTo(1));
    }

    @Test
    void aManualTaskLeftOpenPastItsDeadlineExpiresOnTheSchedule() {
        long task = SystemActor.call(() -> tasks.create(null, lead("eve"), ChannelType.LINKEDIN,
                ManualTaskType.CONNECTION_REQUEST, "Hi Eve, glad to connect", null));
        jdbc.sql("update manual_task set due_at = :past where id = :id")
                .param("past", Timestamp.from(clock.instant().minus(Duration.ofMinutes(1)))).param("id", task).update();

        eventually(() -> assertThat(jdbc.sql("select status || ' ' || coalesce(outcome, '-') || ' by ' || coalesce(completed_by, '-') from manual_task where id = :id")
                .param("id", task).query(String.class).single())
                .isEqualTo("FAILED " + ManualTaskService.EXPIRED + " by " + SystemActor.NAME));
    }

    @Test
    void aBounceReportInASendingMailboxIsReadByTheScheduledImapPoll() throws Exception {
        long lead = lead("fay");
        String subject = "Spring tune-up " + token;
        SequenceResult result = SystemActor.call(() -> outreach.sendOutreachMessage(lead, subject, "Hi Fay"));
        // the scheduled dispatcher (every second here) may claim the new message before this call does
        eventually(() -> assertThat(jdbc.sql("select status from outreach_message where id = :id")
                .param("id", result.messageId()).query(String.class).single()).isEqualTo("SENT"));
        SandboxMail sent = SystemActor.call(() -> sandbox.messages(5_000)).stream()
                .filter(mail -> subject.equals(mail.subject())).findFirst().orElseThrow();
        String mailbox = address(sent.from());
        String leadEmail = jdbc.sql("select email from lead where id = :id").param("id", lead).query(String.class).single();
        mailServer.setUser(mailbox, mailbox, IMAP_PASSWORD); // before the poller may log in
        mailServer.getUserManager().getUser(mailbox).deliver(bounceReport(mailbox, leadEmail, sent));
        jdbc.sql("""
                update mailbox set imap_host = '127.0.0.1', imap_port = :port, imap_security = 'NONE', imap_username = address,
                    imap_password_enc = :password where address = :mailbox
                """).param("port", mailServer.getImap().getPort()).param("password", secrets.encrypt(IMAP_PASSWORD))
                .param("mailbox", mailbox).update();
        jdbc.sql("delete from imap_folder_position where mailbox_id = (select id from mailbox where address = :mailbox)")
                .param("mailbox", mailbox).update();
        try {
            eventually(() -> {
                assertThat(jdbc.sql("""
                        select count(*) from email_event where message_id = :id and provider = 'imap' and event_type = 'BOUNCED'
                        """).param("id", result.messageId()).query(Long.class).single()).isEqualTo(1);
                assertThat(jdbc.sql("select count(*) from suppression where kind = 'ADDRESS' and entry = :email")
                        .param("email", leadEmail).query(Long.class).single()).as("the hard bounce suppresses").isEqualTo(1);
            });
        } finally {
            jdbc.sql("update mailbox set imap_host = null where address = :mailbox").param("mailbox", mailbox).update();
        }
    }

    @Test
    void everyJobRunsOnItsScheduleUnderItsLock() {
        eventually(() -> assertThat(JOBS).allSatisfy(job -> assertThat(runs(job, "success")).as("runs of %s", job)
                .isPositive()));
        assertThat(jdbc.sql("select name from shedlock").query(String.class).list()).as("locks taken")
                .contains("sequencer-tick", "recontact-worker", "sandbox-event-simulator", "health-guard",
                        "sent-folder-reconciler");
    }

    private long runs(String job, String outcome) {
        Timer timer = meters.find("outreach.job.runs").tags("name", job, "outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    /** The address in "Name <address>" or a bare address. */
    private static String address(String header) {
        return header.replaceAll(".*<([^>]+)>.*", "$1");
    }

    private long lead(String name) {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName(name);
        draft.setLastName("Schedule");
        draft.setCompany(name + " Heating " + token);
        draft.setEmail(name + "-" + token + "@" + name + "-heating-" + token + ".test");
        return SystemActor.call(() -> leads.create(draft));
    }

    /** A delivery status notification as a receiving server writes it, quoting our Message-ID. */
    private static MimeMessage bounceReport(String mailbox, String leadEmail, SandboxMail failed) throws Exception {
        String raw = """
                From: Mail Delivery System <MAILER-DAEMON@mx.heating.test>
                To: %s
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <dsn-%s@mx.heating.test>
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

                --b1
                Content-Type: text/plain

                Your message could not be delivered.
                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.heating.test

                Final-Recipient: rfc822; %s
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <%s>: Recipient address rejected

                --b1
                Content-Type: text/rfc822-headers

                Message-ID: %s
                From: %s
                Subject: %s

                --b1--
                """.formatted(mailbox, UUID.randomUUID(), leadEmail, leadEmail, failed.messageId(), mailbox,
                failed.subject());
        return new MimeMessage(Session.getInstance(new java.util.Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }
}
