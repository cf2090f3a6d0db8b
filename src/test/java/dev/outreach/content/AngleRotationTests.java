package dev.outreach.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AngleRotationTests {

    @Test
    void theFirstContactIsTheIntroductionAndCyclesOneToFourFollowTheDocument() {
        AnglesUsed used = AnglesUsed.parse("");
        assertThat(AngleRotation.angleFor(0, used)).contains(Angle.INTRODUCTION);
        List<Angle> seen = new ArrayList<>();
        for (int cycle = 1; cycle <= 4; cycle++) {
            Angle angle = AngleRotation.angleFor(cycle, used).orElseThrow();
            seen.add(angle);
            used = used.with(cycle, angle);
        }
        assertThat(seen).containsExactly(Angle.INDUSTRY_TRENDS, Angle.COMPETITOR_INSIGHT, Angle.SEASONAL_OPPORTUNITY,
                Angle.CASE_STUDY);
        assertThat(used.format()).isEqualTo("1:industry_trends,2:competitor_insight,3:seasonal_opportunity,4:case_study");
        assertThat(AngleRotation.angleFor(5, used)).as("no fifth angle: none is repeated").isEmpty();
    }

    @Test
    void aSeenAngleIsNeverRepeatedTheNextUnseenOneIsTaken() {
        AnglesUsed used = AnglesUsed.parse("competitor_insight,1:seasonal_opportunity");

        assertThat(AngleRotation.angleFor(2, used)).contains(Angle.CASE_STUDY);
        assertThat(AngleRotation.angleFor(3, used)).contains(Angle.CASE_STUDY);
        assertThat(AngleRotation.angleFor(4, used)).contains(Angle.CASE_STUDY);
        assertThat(AngleRotation.angleFor(4, used.with(4, Angle.CASE_STUDY).with(5, Angle.INDUSTRY_TRENDS)))
                .as("a cycle keeps the angle its first touch chose").contains(Angle.CASE_STUDY);
    }

    @Test
    void everyCycleOfALeadGetsADifferentAngleWhateverWasStoredBefore() {
        for (String stored : List.of("", "case_study", "3:industry_trends", "2:case_study,garbage,x:y")) {
            AnglesUsed used = AnglesUsed.parse(stored);
            List<Angle> chosen = new ArrayList<>();
            for (int cycle = 1; cycle <= 6; cycle++) {
                var angle = AngleRotation.angleFor(cycle, used);
                if (angle.isEmpty()) {
                    break;
                }
                if (used.inCycle(cycle).isEmpty()) {
                    chosen.add(angle.get());
                    assertThat(used.seen(angle.get())).as(stored + " cycle " + cycle).isFalse();
                }
                used = used.with(cycle, angle.get());
            }
            assertThat(chosen).doesNotHaveDuplicates();
            assertThat(AnglesUsed.parse(used.format())).isEqualTo(used);
        }
    }
}
