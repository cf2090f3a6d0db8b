package dev.outreach.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import dev.outreach.support.PostgresIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The outbox claim on real PostgreSQL: concurrent dispatchers never claim the same message. */
class ClaimPostgresIntegrationTests extends PostgresIntegrationTest {

    @Autowired
    OutreachStore store;
    @Autowired
    LeadService leads;
    @Autowired
    JdbcClient jdbc;

    @Test
    void fourDispatchersClaimingAtOnceTakeEveryDueMessageExactlyOnce() throws Exception {
        LeadDraft draft = new LeadDraft();
        draft.setLastName("Claim");
        draft.setEmail("claim-" + System.nanoTime() + "@claim-test.com");
        long leadId = SystemActor.call(() -> leads.create(draft));
        Instant now = Instant.now();
        Set<UUID> due = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            UUID id = UUID.randomUUID();
            due.add(id);
            store.insert(new OutreachMessage(id, leadId, null, i, "cold_outreach", null, "Claim", "x",
                    MessageStatus.PENDING, null, null, null, false, now.minusSeconds(60), null, now, null, 0, null,
                    ChannelType.EMAIL), now);
        }
        UUID notDue = UUID.randomUUID();
        store.insert(new OutreachMessage(notDue, leadId, null, 999, "cold_outreach", null, "Later", "x",
                MessageStatus.PENDING, null, null, null, false, now.plus(Duration.ofHours(1)), null, now, null, 0, null,
                ChannelType.EMAIL), now);

        ExecutorService dispatchers = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<UUID>>> results = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            results.add(dispatchers.submit(() -> {
                start.await();
                List<UUID> mine = new ArrayList<>();
                List<UUID> batch;
                do {
                    batch = store.claimDue(Instant.now(), 7, Instant.now().plus(Duration.ofMinutes(15)), UUID.randomUUID());
                    mine.addAll(batch);
                } while (!batch.isEmpty());
                return mine;
            }));
        }
        start.countDown();
        List<UUID> all = new ArrayList<>();
        for (Future<List<UUID>> result : results) {
            all.addAll(result.get());
        }
        dispatchers.shutdown();

        assertThat(all).hasSize(400).doesNotHaveDuplicates();
        assertThat(new HashSet<>(all)).isEqualTo(due);
        assertThat(jdbc.sql("select status from outreach_message where id = :id").param("id", notDue)
                .query(String.class).single()).isEqualTo("PENDING");
        assertThat(jdbc.sql("select count(*) from outreach_message where status = 'SENDING' and lease_until is not null")
                .query(Integer.class).single()).isEqualTo(400);
    }
}
