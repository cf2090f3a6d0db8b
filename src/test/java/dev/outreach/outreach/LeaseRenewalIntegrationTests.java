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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * A batch's leases on an injected clock, with one sender so the messages go one after another
 * into the sandbox: the claim's lease is renewed for the messages still to go once a quarter of
 * it has passed, and a message another instance flagged for review meanwhile (the batch outlasted
 * the lease) is never sent. When a lease runs out, only a message a sender had started is in doubt.
 */
@SpringBootTest(properties = {"outreach.cadence.tick-enabled=false", "outreach.dispatch.enabled=false",
        "outreach.dispatch.parallelism=1", "outreach.dispatch.lease=15m"})
@ActiveProfiles("test")
@Import({MutableClock.ClockOnly.class, HookedEmailSender.class})
class LeaseRenewalIntegrationTests {

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

    private final List<UUID> sent = new CopyOnWriteArrayList<>();

    @BeforeEach
    void nothingElseDue() {
        jdbc.sql("delete from outreach_message").update();
    }

    @AfterEach
    void unhook() {
        HookedEmailSender.reset();
    }

    private List<UUID> threeDueMessages() {
        Instant now = clock.instant();
        return IntStream.range(0, 3).mapToObj(i -> {
            long lead = SystemActor.call(() -> leads.create(lead(i)));
            UUID id = UUID.randomUUID();
            store.insert(new OutreachMessage(id, lead, null, 0, "cold_outreach", null, "Lease " + i, "Hi " + i,
                    MessageStatus.PENDING, null, null, null, false, now.minusSeconds(10 - i), null, now, null, 0, null,
                    ChannelType.EMAIL), now);
            return id;
        }).toList();
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.sql("select status, needs_review from outreach_message where id = :id").param("id", id)
                .query().singleRow();
    }

    private Instant lease(UUID id) {
        return jdbc.sql("select lease_until from outreach_message where id = :id").param("id", id)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
    }

    @Test
    void theLeasesOfTheMessagesStillToGoAreRenewedOnceAQuarterOfTheLeaseHasPassed() {
        List<UUID> ids = threeDueMessages();
        Instant claimedAt = clock.instant();
        List<Instant> leasesAtSecondEmail = new CopyOnWriteArrayList<>();
        List<Instant> leaseAtThirdEmail = new CopyOnWriteArrayList<>();
        HookedEmailSender.AFTER_EACH_EMAIL.set(delivery -> {
            sent.add(delivery.messageId());
            switch (sent.size()) {
                case 1 -> clock.advance(Duration.ofMinutes(3)); // within a quarter of the lease: nothing renewed
                case 2 -> {
                    ids.stream().filter(id -> !sent.contains(id)).forEach(id -> leasesAtSecondEmail.add(lease(id)));
                    clock.advance(Duration.ofMinutes(2)); // 5 minutes since the claim: renewed before the third
                }
                default -> leaseAtThirdEmail.add(lease(delivery.messageId()));
            }
        });

        assertThat(SystemActor.call(dispatcher::dispatchBatch)).isEqualTo(3);

        assertThat(sent).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(leasesAtSecondEmail).as("the claim's lease, 3 minutes in")
                .containsExactly(claimedAt.plus(Duration.ofMinutes(15)));
        assertThat(leaseAtThirdEmail).as("renewed when the sender came to it, 5 minutes in")
                .containsExactly(claimedAt.plus(Duration.ofMinutes(5 + 15)));
        assertThat(ids).allSatisfy(id -> assertThat(row(id)).containsEntry("status", "SENT").containsEntry("needs_review", false));
        assertThat(jdbc.sql("select count(*) from outreach_attempt where message_id in (:ids) and status = 'SENT'")
                .param("ids", ids).query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void aBatchThatOutlastsItsLeaseLeavesWhatTheSweepTookAlone() {
        List<UUID> ids = threeDueMessages();
        HookedEmailSender.AFTER_EACH_EMAIL.set(delivery -> {
            sent.add(delivery.messageId());
            if (sent.size() == 1) {
                // the first send hangs past the lease, and another instance sweeps the expired leases:
                // the message in flight was started, so it is in doubt; the two no sender started are not
                clock.advance(Duration.ofMinutes(16));
                assertThat(dispatcher.flagInterruptedSends()).isEqualTo(1);
            }
        });

        assertThat(SystemActor.call(dispatcher::dispatchBatch)).isEqualTo(3);

        assertThat(sent).as("only the first went out").hasSize(1);
        assertThat(row(sent.getFirst())).as("its outcome still recorded").containsEntry("status", "SENT");
        List<UUID> returned = ids.stream().filter(id -> !sent.contains(id)).toList();
        assertThat(returned).as("back in the queue, not in doubt, and not taken by the late sender")
                .allSatisfy(id -> assertThat(row(id)).containsEntry("status", "PENDING")
                        .containsEntry("needs_review", false));
        assertThat(jdbc.sql("select count(*) from outreach_attempt where message_id in (:ids)").param("ids", returned)
                .query(Integer.class).single()).as("no attempt on a returned message").isZero();
    }

    @Test
    void aSweepReturnsUnstartedClaimsToPendingDueAsTheyWereAndFlagsOnlyStartedOnes() {
        List<UUID> ids = threeDueMessages();
        Instant now = clock.instant();
        Map<UUID, Instant> dueBefore = new java.util.HashMap<>();
        ids.forEach(id -> dueBefore.put(id, due(id)));
        UUID claim = UUID.randomUUID();
        assertThat(store.claimDue(now, 10, now.plus(Duration.ofMinutes(15)), claim)).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(store.markStarted(ids.getFirst(), claim, now)).isTrue();
        assertThat(store.markStarted(ids.get(1), UUID.randomUUID(), now)).as("another claim's token").isFalse();

        clock.advance(Duration.ofMinutes(16));
        assertThat(dispatcher.flagInterruptedSends()).isEqualTo(1);

        assertThat(row(ids.getFirst())).containsEntry("status", "SENDING").containsEntry("needs_review", true);
        for (UUID id : ids.subList(1, 3)) {
            assertThat(row(id)).containsEntry("status", "PENDING").containsEntry("needs_review", false);
            assertThat(due(id)).as("due as it was").isEqualTo(dueBefore.get(id));
        }
        assertThat(store.markStarted(ids.get(1), claim, clock.instant())).as("the expired claim holds nothing").isFalse();
        assertThat(jdbc.sql("select count(*) from outreach_attempt where message_id in (:ids)").param("ids", ids)
                .query(Integer.class).single()).isZero();
    }

    private Instant due(UUID id) {
        return jdbc.sql("select due_at from outreach_message where id = :id").param("id", id)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
    }

    private static LeadDraft lead(int i) {
        String token = Long.toString(System.nanoTime(), 36) + i;
        LeadDraft lead = new LeadDraft();
        lead.setFirstName("Lee");
        lead.setLastName("Ase");
        lead.setCompany("Lease Roofing " + token);
        lead.setEmail("lee-" + token + "@lease-roofing.com");
        return lead;
    }
}
