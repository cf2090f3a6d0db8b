package dev.outreach.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.deliverability.EmailScore.Throttle;
import dev.outreach.deliverability.ReputationService.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReputationStore} must do, run against the in-process store and real Redis:
 * the same keys, the same rolling 24-hour window, the same health maps.
 */
abstract class ReputationStoreContract {

    /** A clock the tests move. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-03-02T10:15:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    final MovableClock clock = new MovableClock();
    ReputationService reputation;
    String domainA;
    String domainB;

    abstract ReputationStore store();

    @BeforeEach
    void setUp() {
        reputation = new ReputationService(store(), clock);
        String run = Long.toString(System.nanoTime(), 36);
        domainA = "a-" + run + ".example";
        domainB = "b-" + run + ".example";
    }

    @Test
    void oneEventLandsInAllThreeScopesWithTheDocumentsKeys() {
        long globalBefore = reputation.getEmailReputation().metrics().sent();

        reputation.recordEmailEventScoped(EmailEventType.SENT, domainA, "Ann@" + domainA.toUpperCase());

        assertThat(reputation.getEmailReputation().metrics().sent()).isEqualTo(globalBefore + 1);
        assertThat(reputation.getEmailReputationScoped(Scope.DOMAIN, domainA).score().metrics().sent()).isEqualTo(1);
        assertThat(reputation.getEmailReputationScoped(Scope.MAILBOX, "ann@" + domainA).score().metrics().sent()).isEqualTo(1);
        assertThat(store().scan("email:reputation:domain:" + domainA + ":*")).containsExactly(
                "email:reputation:domain:" + domainA + ":sent");
        assertThat(store().scan("email:reputation:mailbox:ann@" + domainA + ":*")).containsExactly(
                "email:reputation:mailbox:ann@" + domainA + ":sent");
    }

    @Test
    void aSentMessageCountsOnceHoweverOftenItIsReported() {
        java.util.UUID message = java.util.UUID.randomUUID();

        assertThat(reputation.recordSentOnce(message, "ann@" + domainA)).isTrue();
        assertThat(reputation.recordSentOnce(message, "ann@" + domainA)).as("the same message again").isFalse();
        clock.advance(Duration.ofHours(3));
        assertThat(reputation.recordSentOnce(message, "ann@" + domainA)).as("hours later, after a restart").isFalse();
        assertThat(reputation.recordSentOnce(java.util.UUID.randomUUID(), "ann@" + domainA)).isTrue();

        assertThat(reputation.getEmailReputationScoped(Scope.DOMAIN, domainA).score().metrics().sent()).isEqualTo(2);
        assertThat(reputation.getEmailReputationScoped(Scope.MAILBOX, "ann@" + domainA).score().metrics().sent())
                .isEqualTo(2);
        // the marker is no scope: health maps and trends never see it
        assertThat(store().scan("email:reputation:mailbox:*")).noneMatch(key -> key.contains(message.toString()));
        assertThat(reputation.getMailboxHealthMap()).containsKey("ann@" + domainA)
                .allSatisfy((mailbox, score) -> assertThat(mailbox).doesNotContain("counted"));
        assertThat(reputation.getDomainHealthMap()).allSatisfy((domain, score) -> assertThat(domain).doesNotContain("counted"));
    }

    @Test
    void aClickTakenBackLeavesTheHourItWasCountedInAndNeverGoesBelowNothing() {
        Instant counted = clock.instant();
        reputation.recordEmailEventScoped(EmailEventType.CLICKED, domainA, "ann@" + domainA);
        reputation.recordEmailEventScoped(EmailEventType.CLICKED, domainA, "ann@" + domainA);
        clock.advance(Duration.ofHours(1));

        reputation.retractEmailEventScoped(EmailEventType.CLICKED, domainA, "ann@" + domainA, counted);

        assertThat(reputation.getEmailReputationScoped(Scope.DOMAIN, domainA).score().metrics().clicked()).isEqualTo(1);
        assertThat(reputation.getEmailReputationScoped(Scope.MAILBOX, "ann@" + domainA).score().metrics().clicked())
                .isEqualTo(1);
        assertThat(reputation.trend(Scope.DOMAIN, domainA, EmailEventType.CLICKED)[ReputationStore.WINDOW_HOURS - 2])
                .as("the hour it was counted in").isEqualTo(1);

        reputation.retractEmailEventScoped(EmailEventType.CLICKED, domainA, "ann@" + domainA, counted);
        reputation.retractEmailEventScoped(EmailEventType.CLICKED, domainA, "ann@" + domainA, counted);

        assertThat(reputation.getEmailReputationScoped(Scope.DOMAIN, domainA).score().metrics().clicked()).isZero();
    }

    @Test
    void anEmptyDomainOrMailboxSkipsThatScope() {
        reputation.recordEmailEventScoped(EmailEventType.BOUNCED, "", "");
        reputation.recordEmailEventScoped(EmailEventType.BOUNCED, domainB, null);

        assertThat(reputation.getEmailReputationScoped(Scope.DOMAIN, domainB).score().metrics().bounced()).isEqualTo(1);
        assertThat(store().scan("email:reputation:mailbox:*@" + domainB + ":*")).isEmpty();
    }

    @Test
    void theWindowRollsHourByHourEvenWhileTrafficContinues() {
        reputation.recordEmailEventScoped(EmailEventType.BOUNCED, domainA, "ann@" + domainA);
        for (int hour = 1; hour <= 23; hour++) {
            clock.advance(Duration.ofHours(1));
            reputation.recordEmailEventScoped(EmailEventType.SENT, domainA, "ann@" + domainA);
        }
        // 23 hours later the bounce still counts
        assertThat(reputation.getEmailReputationScoped(Scope.DOMAIN, domainA).score().metrics().bounced()).isEqualTo(1);

        clock.advance(Duration.ofHours(1));
        reputation.recordEmailEventScoped(EmailEventType.SENT, domainA, "ann@" + domainA);

        // 24 hours later it has left the window, although the key was written every hour since
        EmailMetrics metrics = reputation.getEmailReputationScoped(Scope.DOMAIN, domainA).score().metrics();
        assertThat(metrics.bounced()).isZero();
        assertThat(metrics.sent()).isEqualTo(24);
        assertThat(reputation.trend(Scope.DOMAIN, domainA, EmailEventType.SENT)).containsOnly(1L);
    }

    @Test
    void healthMapsScoreEveryDomainAndMailboxWithTraffic() {
        for (int i = 0; i < 40; i++) {
            reputation.recordEmailEventScoped(EmailEventType.SENT, domainA, "ann@" + domainA);
            reputation.recordEmailEventScoped(EmailEventType.SENT, domainB, "bob@" + domainB);
            reputation.recordEmailEventScoped(EmailEventType.DELIVERED, domainB, "bob@" + domainB);
        }
        // 10 of 40 bounced: the 95% interval's lower bound (14%) is over the 5% line
        for (int i = 0; i < 10; i++) {
            reputation.recordEmailEventScoped(EmailEventType.BOUNCED, domainA, "ann@" + domainA);
        }

        Map<String, EmailScore> domains = reputation.getDomainHealthMap();
        Map<String, EmailScore> mailboxes = reputation.getMailboxHealthMap();

        assertThat(domains.get(domainA).throttle()).isEqualTo(Throttle.PAUSED);
        assertThat(domains.get(domainA).metrics().bounced()).isEqualTo(10);
        assertThat(domains.get(domainB).throttle()).isEqualTo(Throttle.NONE);
        assertThat(domains.get(domainB).metrics().delivered()).isEqualTo(40);
        assertThat(mailboxes.get("ann@" + domainA).throttle()).isEqualTo(Throttle.PAUSED);
        assertThat(mailboxes.get("bob@" + domainB).throttle()).isEqualTo(Throttle.NONE);
    }
}
