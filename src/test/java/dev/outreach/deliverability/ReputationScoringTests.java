package dev.outreach.deliverability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.outreach.deliverability.EmailScore.Status;
import dev.outreach.deliverability.EmailScore.Throttle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReputationScoringTests {

    private static EmailScore score(long sent, long bounced, long complained) {
        return ReputationScoring.computeEmailScore(new EmailMetrics(sent, sent - bounced, bounced, complained, 0, 0));
    }

    @ParameterizedTest(name = "{0} sent, {1} bounced, {2} complaints -> {3} {4} {5}")
    @CsvSource(textBlock = """
            # sent, bounced, complained, status,            throttle,     evidence
                 0,       0,          0, INSUFFICIENT_DATA, NONE,        'nothing sent'
                19,      19,          0, INSUFFICIENT_DATA, NONE,        'under the minimum volume nothing is judged'
                20,       1,          0, HEALTHY,           NONE,        '5%, but 95% CI 0.1%-23.6%'
                20,       2,          0, HEALTHY,           NONE,        '10%, 95% CI 1.2%-30.1%'
                20,       3,          0, WARNING,           REDUCED,     'at least 3.1%'
                20,       4,          0, CRITICAL,          PAUSED,      'at least 8.1%'
                40,       2,          0, HEALTHY,           NONE,        '5%, at least 0.6%'
                50,       5,          0, WARNING,           REDUCED,     '10%, at least 4.3%'
                50,       6,          0, CRITICAL,          PAUSED,      '12%, at least 5.6%'
               100,       6,          0, WARNING,           REDUCED,     '6%, at least 2.8%'
               100,      10,          0, CRITICAL,          PAUSED,      '10%, at least 5.5%'
               200,       4,          0, HEALTHY,           NONE,        'the demo rate of 2%'
               200,       8,          0, WARNING,           REDUCED,     '4%, at least 2.0%'
               200,      20,          0, CRITICAL,          PAUSED,      '10%, at least 6.6%'
              1000,       0,          0, HEALTHY,           NONE,        'none, at most 0.38%'
              1000,      20,          0, HEALTHY,           NONE,        '2.0%, at least 1.3%'
              1000,      40,          0, WARNING,           REDUCED,     '4.0%, at least 2.9%'
              1000,      60,          0, WARNING,           REDUCED,     '6.0% observed, but only 4.7% proven'
              1000,      80,          0, CRITICAL,          PAUSED,      '8.0%, at least 6.5%'
              1000,       0,          1, HEALTHY,           NONE,        '0.1% complaints, at least 0.003%'
              1000,       0,          3, HEALTHY,           NONE,        '0.3%, at least 0.06%'
              1000,       0,          6, WARNING,           REDUCED,     '0.6%, at least 0.28%'
              1000,       0,          8, CRITICAL,          PAUSED,      '0.8%, at least 0.41%'
                50,       0,          1, HEALTHY,           NONE,        'one complaint proves little'
                80,       0,          2, CRITICAL,          PAUSED,      'two in 80 prove over 0.3%'
              5000,       0,          9, HEALTHY,           NONE,        '0.18%, at least 0.095%'
              5000,       0,         25, CRITICAL,          PAUSED,      '0.5%, at least 0.34%'
            """)
    void aLineIsCrossedOnlyWhenTheLowerBoundOfTheRatesIntervalIsOverIt(long sent, long bounced, long complained,
            Status status, Throttle throttle, String evidence) {
        EmailScore result = score(sent, bounced, complained);

        assertThat(result.status()).as(evidence).isEqualTo(status);
        assertThat(result.throttle()).as(evidence).isEqualTo(throttle);
    }

    @ParameterizedTest(name = "{0} sent, {2} bounced, {3} complaints, {4} opened, {5} clicked -> score {6}")
    @CsvSource(textBlock = """
            # sent, delivered, bounced, complained, opened, clicked, score
              1000,      1000,       0,          0,    250,      50,    98
              1000,      1000,       0,          0,    500,       0,   100
              1000,      1000,       0,          0,      0,       0,    90
              1000,       980,      20,          0,    100,       0,    79
              1000,       950,      50,          0,    100,       0,    54
              1000,      1000,       0,          3,    100,       0,    86
              1000,       800,     200,         10,      0,       0,     0
                20,        19,       1,          0,      0,       0,    89
            """)
    void theScoreChargesTheRatesTheDataProve(long sent, long delivered, long bounced, long complained, long opened,
            long clicked, int score) {
        assertThat(ReputationScoring.computeEmailScore(new EmailMetrics(sent, delivered, bounced, complained, opened, clicked))
                .score()).isEqualTo(score);
    }

    @Test
    void theDemosTwoPercentMailboxIsNotPausedAfter20Or200SendsAndItsTwelvePercentDomainIs() {
        // 2%: 20 sends show 0 to 2 bounces 99% of the time, 200 sends 0 to 9
        for (int bounced = 0; bounced <= 2; bounced++) {
            assertThat(score(20, bounced, 0).throttle()).as("%d of 20", bounced).isEqualTo(Throttle.NONE);
        }
        for (int bounced = 0; bounced <= 9; bounced++) {
            assertThat(score(200, bounced, 0).paused()).as("%d of 200", bounced).isFalse();
        }
        // 12%: paused once the window holds the evidence
        assertThat(score(50, 6, 0).paused()).isTrue();
        assertThat(score(200, 24, 0).paused()).isTrue();
    }

    @Test
    void theIntervalIsWilsonsAndWiderForOneToThreeEvents() {
        // Newcombe (Statistics in Medicine, 1998), Table I, the Wilson score method
        assertInterval(RateInterval.of(81, 263), 0.2553, 0.3662);
        assertInterval(RateInterval.of(15, 148), 0.0624, 0.1605);
        assertInterval(RateInterval.of(0, 20), 0, 0.1611);
        // one event: the exact Poisson bound (Wilson alone would say at least 0.61%)
        assertInterval(RateInterval.of(1, 29), 0.000873, 0.1718);
        assertInterval(RateInterval.of(0, 0), 0, 1);
    }

    private static void assertInterval(RateInterval interval, double lower, double upper) {
        assertThat(interval.lower()).isCloseTo(lower, within(0.00005));
        assertThat(interval.upper()).isCloseTo(upper, within(0.00005));
    }

    @Test
    void theFiguresShowTheRateAndItsInterval() {
        assertThat(ReputationFigures.of(score(200, 20, 0)))
                .isEqualTo("score 30, 200 sent, 20 bounced (10.0%, 95% CI 6.6%-14.9%), 0 complaints (0.00%, 95% CI"
                        + " 0.00%-1.88%) in 24 h");
    }

    @Test
    void aMailboxIsUnfitWhenPausedOrProvenBelowTheThresholdAndCleanOnlyUnderTheWarningLines() {
        assertThat(ReputationScoring.mailboxUnfit(score(200, 20, 0), 40)).get().asString()
                .startsWith("reputation is paused (score 30, 200 sent, 20 bounced (10.0%, 95% CI 6.6%-14.9%)");
        assertThat(ReputationScoring.mailboxUnfit(score(1000, 40, 6), 40)).get().asString()
                .startsWith("score 33 is below the health threshold 40 (");
        assertThat(ReputationScoring.mailboxUnfit(score(20, 2, 0), 40)).as("10% of 20 proves nothing").isEmpty();
        assertThat(ReputationScoring.mailboxUnfit(null, 40)).as("no traffic").isEmpty();

        assertThat(ReputationScoring.mailboxClean(score(100, 6, 0), 40)).as("reduced: a paused mailbox stays paused").isFalse();
        assertThat(ReputationScoring.mailboxClean(score(100, 1, 0), 40)).isTrue();
        assertThat(ReputationScoring.mailboxClean(score(10, 5, 0), 40)).as("too little left to judge").isTrue();
        assertThat(ReputationScoring.clean(null)).isTrue();
    }
}
