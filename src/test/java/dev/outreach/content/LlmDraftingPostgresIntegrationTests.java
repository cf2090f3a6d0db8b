package dev.outreach.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.cadence.SequencerTick;
import dev.outreach.lead.LeadService;
import dev.outreach.outreach.OutboxDispatcher;
import dev.outreach.security.SystemActor;
import dev.outreach.support.PostgresIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sequencer tick with the LLM writer on, against an OpenAI-compatible server on loopback
 * that takes its time, on PostgreSQL: the batch commits (and lets go of its enrollments) before
 * the first HTTP call, the message waits DRAFTING meanwhile and is sent once written; a failed
 * generation falls back to the template after the batch as it did inside it.
 */
@TestPropertySource(properties = {"outreach.cadence.tick-enabled=false", "outreach.dispatch.enabled=false"})
class LlmDraftingPostgresIntegrationTests extends PostgresIntegrationTest {

    static final OpenAiStub STUB = new OpenAiStub();

    @DynamicPropertySource
    static void llm(DynamicPropertyRegistry registry) {
        registry.add("outreach.llm.base-url", STUB::baseUrl);
        registry.add("outreach.llm.model", () -> "stub-model");
        registry.add("outreach.llm.timeout", () -> "30s");
    }

    @Autowired
    SequencerTick tick;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    LeadService leads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;

    @AfterAll
    static void stop() {
        STUB.close();
    }

    @BeforeEach
    void anyTimeAndOneMailbox() {
        STUB.requests.clear();
        STUB.holdUntil(null);
        jdbc.sql("delete from enrollment").update();
        jdbc.sql("""
                update sales_engine_config set send_window_start_hour = 0, send_window_end_hour = 24,
                    send_days = 'MON,TUE,WED,THU,FRI,SAT,SUN', max_generation_failures = 3 where id = 1
                """).update();
        if (jdbc.sql("select count(*) from mailbox").query(Integer.class).single() == 0) {
            Timestamp now = Timestamp.from(Instant.now());
            jdbc.sql("insert into sending_domain (domain, created_at, updated_at) values ('drafting.example', ?, ?)")
                    .params(now, now).update();
            jdbc.sql("""
                    insert into mailbox (address, display_name, domain_id, created_at, updated_at)
                    select 'sender@drafting.example', 'Sender', id, ?, ? from sending_domain where domain = 'drafting.example'
                    """).params(now, now).update();
        }
    }

    @Test
    void theBatchCommitsBeforeTheSlowWriterAnswersAndTheMessageIsSentOnceWritten() throws Exception {
        long lead = ContentTestLeads.create(leads, "Lena", "Mooring Co");
        long enrollment = dueEnrollment(lead);
        STUB.answer("Subject: Lena, one idea for Mooring Co\n\nHi Lena,\nA short note written for you.\nBest");
        CountDownLatch release = new CountDownLatch(1);
        STUB.holdUntil(release);

        CompletableFuture<SequencerTick.Result> running = CompletableFuture.supplyAsync(() -> SystemActor.call(tick::runNow));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> STUB.requests.size() == 1);

            // the writer has not answered, yet the batch is visible from here: it committed
            assertThat(message(lead)).containsEntry("status", "DRAFTING").containsEntry("body", null);
            assertThat(enrollmentRow(enrollment)).containsEntry("outreach_sequence_step", 1).containsEntry("status", "ACTIVE")
                    .containsEntry("last_email_sent_at", null);
            // and it holds no lock on the enrollment: NOWAIT fails at once on a row another transaction locked
            Long locked = transaction.execute(status -> jdbc.sql("select id from enrollment where id = :id for update nowait")
                    .param("id", enrollment).query(Long.class).single());
            assertThat(locked).isEqualTo(enrollment);
            // the dispatcher leaves a message without its text alone
            assertThat(SystemActor.call(dispatcher::dispatchBatch)).isZero();
            assertThat(running).isNotDone();
        } finally {
            release.countDown();
        }
        SequencerTick.Result result = running.get(30, TimeUnit.SECONDS);

        assertThat(result.queued()).isEqualTo(1);
        assertThat(message(lead)).containsEntry("status", "PENDING")
                .containsEntry("subject", "Lena, one idea for Mooring Co");
        assertThat((String) message(lead).get("body")).startsWith("Hi Lena,\nA short note written for you.");
        assertThat(enrollmentRow(enrollment).get("last_email_sent_at")).isNotNull();
        assertThat(SystemActor.call(dispatcher::dispatchBatch)).isEqualTo(1);
        assertThat(message(lead)).as("%s", message(lead).get("status_reason")).containsEntry("status", "SENT");
        assertThat(STUB.requests).hasSize(1);
    }

    @Test
    void aFailedGenerationFallsBackToTheTemplateAndTheLastAllowedFailureSkipsTheTouch() throws Exception {
        jdbc.sql("update sales_engine_config set max_generation_failures = 2 where id = 1").update();
        long lead = ContentTestLeads.create(leads, "Piet", "Sluice Trading");
        long enrollment = dueEnrollment(lead);
        STUB.fail(500);

        SequencerTick.Result first = SystemActor.call(tick::runNow);

        assertThat(first.queued()).isEqualTo(1);
        assertThat(message(lead)).containsEntry("status", "PENDING")
                .containsEntry("subject", "Quick question about Sluice Trading");
        assertThat(ContentTestEnrollments.generationFailures(jdbc, enrollment)).isEqualTo(1);

        // the first touch went out; the follow-up's generation fails too: the second failure of the cycle skips it
        jdbc.sql("update outreach_message set status = 'SENT' where lead_id = :lead").param("lead", lead).update();
        jdbc.sql("update enrollment set next_touch_due_at = :due, last_email_sent_at = :sent where id = :id")
                .param("due", Timestamp.from(Instant.now().minusSeconds(60)))
                .param("sent", Timestamp.from(Instant.now().minus(Duration.ofHours(100)))).param("id", enrollment).update();
        SequencerTick.Result second = SystemActor.call(tick::runNow);

        assertThat(second.queued()).isZero();
        assertThat(second.skipped()).isEqualTo(1);
        Map<String, Object> skipped = jdbc.sql("select * from outreach_message where lead_id = :lead and touch = 1")
                .param("lead", lead).query().singleRow();
        assertThat(skipped).containsEntry("status", "SKIPPED");
        assertThat((String) skipped.get("status_reason")).startsWith("Message generation failed 2 times (max_generation_failures 2)");
        assertThat(enrollmentRow(enrollment)).containsEntry("outreach_sequence_step", 2);
        assertThat(STUB.requests).hasSize(2);
    }

    private long dueEnrollment(long lead) {
        Timestamp now = Timestamp.from(Instant.now().minusSeconds(60));
        jdbc.sql("""
                insert into enrollment (lead_id, outreach_sequence_step, status, next_touch_due_at, created_at, updated_at)
                values (:lead, 0, 'COLD', :now, :now, :now)
                """).param("lead", lead).param("now", now).update();
        return jdbc.sql("select id from enrollment where lead_id = :lead").param("lead", lead).query(Long.class).single();
    }

    private Map<String, Object> message(long lead) {
        return jdbc.sql("select * from outreach_message where lead_id = :lead order by created_at desc, touch desc"
                + " fetch first 1 rows only").param("lead", lead).query().singleRow();
    }

    private Map<String, Object> enrollmentRow(long enrollment) {
        return jdbc.sql("select * from enrollment where id = :id").param("id", enrollment).query().singleRow();
    }
}
