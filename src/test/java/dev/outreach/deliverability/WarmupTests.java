package dev.outreach.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WarmupTests {

    private static final LocalDate START = LocalDate.of(2026, 3, 2);

    @Test
    void theFirstDaySendsTheStartVolumeAndEachLaterDayAddsTheIncrease() {
        assertThat(Warmup.capOn(50, 10, 5, START, START)).isEqualTo(10);
        assertThat(Warmup.capOn(50, 10, 5, START, START.plusDays(1))).isEqualTo(15);
        assertThat(Warmup.capOn(50, 10, 5, START, START.plusDays(7))).isEqualTo(45);
    }

    @Test
    void theRampStopsAtTheTargetCap() {
        assertThat(Warmup.capOn(50, 10, 5, START, START.plusDays(8))).isEqualTo(50);
        assertThat(Warmup.capOn(50, 10, 5, START, START.plusDays(400))).isEqualTo(50);
    }

    @Test
    void noStartDateMeansWarmedUp() {
        assertThat(Warmup.capOn(50, 10, 5, null, START)).isEqualTo(50);
        assertThat(new Warmup(50, 10, 5, null).dayOn(START)).isEmpty();
    }

    @Test
    void aStartDateInTheFutureAllowsOnlyTheStartVolume() {
        assertThat(Warmup.capOn(50, 10, 5, START, START.minusDays(3))).isEqualTo(10);
        assertThat(new Warmup(50, 10, 5, START).dayOn(START.minusDays(3))).isEmpty();
    }

    @Test
    void aZeroIncreaseKeepsTheStartVolumeAndAZeroTargetSendsNothing() {
        assertThat(Warmup.capOn(50, 10, 0, START, START.plusDays(30))).isEqualTo(10);
        assertThat(Warmup.capOn(0, 0, 5, START, START.plusDays(30))).isZero();
    }

    @Test
    void yearsOfRampAtAHugeIncreaseDoNotOverflow() {
        assertThat(Warmup.capOn(Integer.MAX_VALUE, 10, Integer.MAX_VALUE, START, START.plusYears(20)))
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void theWarmupDayCountsFromOneUntilTheTargetIsReached() {
        Warmup warmup = new Warmup(50, 10, 5, START);
        assertThat(warmup.dayOn(START)).hasValue(1);
        assertThat(warmup.dayOn(START.plusDays(7))).hasValue(8);
        assertThat(warmup.dayOn(START.plusDays(8))).isEmpty();
        assertThat(warmup.capOn(START.plusDays(2))).isEqualTo(20);
    }
}
