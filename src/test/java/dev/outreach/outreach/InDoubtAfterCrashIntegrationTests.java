package dev.outreach.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.cadence.MutableClock;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import dev.outreach.support.HookedEmailSender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * What another instance finds when this one "dies" mid-batch (its leases run out while three
 * senders work through 12 claimed messages, on an injected clock): only the messages whose call
 * may have gone out are in doubt, at most one per sender; every other claimed message is PENDING
 * again. However the batch then goes on, nothing is sent twice.
 */
@SpringBootTest(properties = {"outreach.cadence.tick-enabled=false", "outreach.dispatch.enabled=false",
        "outreach.dispatch.parallelism=3", "outreach.dispatch.lease=15m"})
@ActiveProfiles("test")
@Import({MutableClock.ClockOnly.class, HookedEmailSender.class})
class InDoubtAfterCrashIntegrationTests {

    private static final int MESSAGES = 12;
    private static final int SENDERS = 3;

    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    OutreachStore store;
    @Autowired
    LeadService leads;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void nothingElseDue() {
        jdbc.sql("delete from outreach_message").update();
    }

    @AfterEach
    void unhook() {
        HookedEmailSender.reset();
    }

    @Test
    void aCrashMidBatchLeavesInDoubtAtMostOneMessagePerSenderAndReturnsTheRest() {
        List<UUID> ids = dueMessages();
        List<UUID> delivered = new CopyOnWriteArrayList<>();
        List<Integer> startedAtEachSend = new CopyOnWriteArrayList<>();
        AtomicInteger sends = new AtomicInteger();
        List<int[]> sweeps = new CopyOnWriteArrayList<>();
        HookedEmailSender.AFTER_EACH_EMAIL.set(delivery -> {
            delivered.add(delivery.messageId());
            startedAtEachSend.add(count("status = 'SENDING' and send_started_at is not null"));
            if (sends.incrementAndGet() == 5) {
                // the instance "dies" here: its leases run out and another instance sweeps them
                // the other senders go on meanwhile: what the sweep returned is read right after it,
                // not worked out from a count taken before it (a send finishing in between would be
                // counted as returned)
                clock.advance(Duration.ofMinutes(16));
                int flaggedNow = dispatcher.flagInterruptedSends();
                sweeps.add(new int[] {flaggedNow, count("status = 'PENDING'")});
            }
        });

        assertThat(SystemActor.call(dispatcher::dispatchBatch)).isEqualTo(MESSAGES);

        assertThat(startedAtEachSend).as("messages marked started during each call").allSatisfy(started ->
                assertThat(started).isBetween(1, SENDERS));
        assertThat(sweeps).hasSize(1);
        int flagged = sweeps.getFirst()[0];
        int returned = sweeps.getFirst()[1];
        assertThat(flagged).as("in doubt after the crash: the calls in flight").isBetween(1, SENDERS);
        assertThat(returned).as("claimed but not started: back in the queue").isPositive();
        assertThat(delivered).as("nothing sent twice").doesNotHaveDuplicates();
        assertThat(delivered).allSatisfy(id -> assertThat(status(id)).isEqualTo("SENT"));
        // not sent: back in the queue, or (a sender's next message, marked started with the previous
        // outcome and flagged before its call) left in doubt; either way with no attempt
        List<UUID> notDelivered = ids.stream().filter(id -> !delivered.contains(id)).toList();
        assertThat(notDelivered).allSatisfy(id -> assertThat(status(id)).isIn("PENDING", "SENDING"));
        assertThat(count("status = 'PENDING'")).isGreaterThanOrEqualTo(returned);
        assertThat(count("status = 'SENDING'")).isEqualTo(count("status = 'SENDING' and needs_review"))
                .isLessThanOrEqualTo(flagged);
        assertThat(jdbc.sql("select count(*) from outreach_attempt where message_id in (:ids)").param("ids", notDelivered)
                .query(Integer.class).single()).isZero();
        assertThat(count("status <> 'SENDING' and send_started_at is not null")).as("no mark outlives an outcome").isZero();
    }

    private List<UUID> dueMessages() {
        Instant now = clock.instant();
        return IntStream.range(0, MESSAGES).mapToObj(i -> {
            long lead = SystemActor.call(() -> leads.create(lead(i)));
            UUID id = UUID.randomUUID();
            store.insert(new OutreachMessage(id, lead, null, 0, "cold_outreach", null, "Crash " + i, "Hi " + i,
                    MessageStatus.PENDING, null, null, null, false, now.minusSeconds(60 - i), null, now, null, 0, null,
                    ChannelType.EMAIL), now);
            return id;
        }).toList();
    }

    private int count(String condition) {
        return jdbc.sql("select count(*) from outreach_message where " + condition).query(Integer.class).single();
    }

    private String status(UUID id) {
        return jdbc.sql("select status from outreach_message where id = ?").param(id).query(String.class).single();
    }

    private static LeadDraft lead(int i) {
        String token = Long.toString(System.nanoTime(), 36) + i;
        LeadDraft lead = new LeadDraft();
        lead.setFirstName("Kim");
        lead.setLastName("Park");
        lead.setCompany("Park Plumbing " + token);
        lead.setEmail("kim-" + token + "@park-plumbing.com");
        return lead;
    }
}
