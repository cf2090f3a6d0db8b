package dev.outreach.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.deliverability.EmailScore.Status;
import dev.outreach.deliverability.EmailScore.Throttle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReputationScoringTests {

    @ParameterizedTest(name = "{0} sent, {2} bounced, {3} complaints -> {7} {8}")
    @CsvSource(textBlock = """
            # sent, delivered, bounced, complained, opened, clicked, score, status,            throttle
              1000,      1000,       0,          0,    250,      50,    98, HEALTHY,           NONE
              1000,      1000,       0,          0,    500,       0,   100, HEALTHY,           NONE
              1000,      1000,       0,          0,      0,       0,    90, HEALTHY,           NONE
              1000,       990,      10,          0,    100,       0,    82, HEALTHY,           NONE
              1000,       981,      19,          0,    100,       0,    73, HEALTHY,           NONE
              1000,       980,      20,          0,    100,       0,    72, WARNING,           REDUCED
              1000,       951,      49,          0,    100,       0,    43, WARNING,           REDUCED
              1000,       950,      50,          0,    100,       0,    42, CRITICAL,          PAUSED
              1000,      1000,       0,          0,    100,       0,    92, HEALTHY,           NONE
              1000,      1000,       0,          1,    100,       0,    82, WARNING,           REDUCED
              1000,      1000,       0,          2,    100,       0,    72, WARNING,           REDUCED
              1000,      1000,       0,          3,    100,       0,    62, CRITICAL,          PAUSED
              1000,       800,     200,         10,      0,       0,     0, CRITICAL,          PAUSED
                19,        10,       9,          1,      0,       0,     0, INSUFFICIENT_DATA, NONE
                20,        19,       1,          0,      0,       0,    40, CRITICAL,          PAUSED
                20,        20,       0,          0,      0,       0,    90, HEALTHY,           NONE
                 0,         0,       0,          0,      0,       0,    90, INSUFFICIENT_DATA, NONE
            """)
    void scoresStatusAndThrottleFollowTheThresholds(long sent, long delivered, long bounced, long complained, long opened,
            long clicked, int score, Status status, Throttle throttle) {
        EmailScore result = ReputationScoring.computeEmailScore(
                new EmailMetrics(sent, delivered, bounced, complained, opened, clicked));

        assertThat(result.score()).isEqualTo(score);
        assertThat(result.status()).isEqualTo(status);
        assertThat(result.throttle()).isEqualTo(throttle);
    }
}
