package dev.outreach.cadence;

import static dev.outreach.cadence.CadenceFixtures.instant;
import static dev.outreach.cadence.CadenceFixtures.ts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.cadence.FollowupTiming.Engagement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tick's and the re-contact worker's SQL, run on H2 ({@link SequencerTickIntegrationTests}) and on
 * PostgreSQL ({@link SequencerTickPostgresIntegrationTests}): the reference's tests 2c and 4g,
 * the adaptive delay in SQL agreeing with the Java function, stops, send windows.
 */
interface CadenceContract extends CadenceFixtures {

    SequencerTick tick();

    RecontactWorker recontact();

    // ---- the tick ----

    @Test
    default void writesOnePendingMessagePerDueTouchAndAdvancesTheEnrollment() {
        long campaign = campaign("America/Chicago");
        long bound = lead("bound", null);
        long unbound = lead("unbound", null);
        long later = lead("later", null);
        long boundEnrollment = enrollment(bound, campaign, 0, null);
        long unboundEnrollment = enrollment(unbound, null, 0, null);
        long laterEnrollment = enrollment(later, null, 0, null);
        set(laterEnrollment, "next_touch_due_at = :at", Map.of("at", T0.plus(Duration.ofHours(1))));

        SequencerTick.Result result = tick().tick();

        assertThat(result.queued()).isEqualTo(2);
        for (long lead : List.of(bound, unbound)) {
            List<Map<String, Object>> messages = messages(lead);
            assertThat(messages).hasSize(1);
            assertThat(messages.getFirst().get("status")).isEqualTo("PENDING");
            assertThat(((Number) messages.getFirst().get("touch")).intValue()).isZero();
            assertThat(messages.getFirst().get("message_type")).isEqualTo("initial");
            assertThat(messages.getFirst().get("body")).asString().contains("touch 1");
            assertThat(messages.getFirst().get("sequence_id")).isNotNull();
            assertThat(messages.getFirst().get("first_channel")).isEqualTo("EMAIL");
            assertThat(instant(messages.getFirst().get("due_at"))).isEqualTo(T0);
        }
        assertThat(messages(later)).isEmpty();
        for (long enrollment : List.of(boundEnrollment, unboundEnrollment)) {
            Map<String, Object> row = row(enrollment);
            assertThat(((Number) row.get("outreach_sequence_step")).intValue()).isEqualTo(1);
            assertThat(row.get("status")).isEqualTo("ACTIVE");
            assertThat(instant(row.get("last_email_sent_at"))).isEqualTo(T0);
            assertThat(instant(row.get("next_touch_due_at"))).isEqualTo(T0.plus(Duration.ofHours(36)));
        }
        // the same instant again: nothing more is due
        assertThat(tick().tick().queued()).isZero();
        assertThat(messages(bound)).hasSize(1);
    }

    @Test
    default void aFollowupWaitsWhileThePreviousTouchIsInTheOutbox() {
        long lead = lead("inflight", null);
        long enrollment = enrollment(lead, null, 0, null);
        tick().tick();
        clock().advance(Duration.ofHours(100));
        assertThat(tick().tick().queued()).isZero();
        assertThat(messages(lead)).hasSize(1);
        jdbc().sql("update outreach_message set status = 'SENT' where lead_id = :lead").param("lead", lead).update();
        clock().advance(Duration.ofMinutes(30));
        assertThat(tick().tick().queued()).isEqualTo(1);
        assertThat(((Number) row(enrollment).get("outreach_sequence_step")).intValue()).isEqualTo(2);
    }

    // ---- 2c: engagement gate ----

    @Test
    default void finalStepWithoutOpensOrClicksIsExcluded() {
        long lead = lead("gated", null);
        long enrollment = enrollment(lead, null, 3, Duration.ofHours(200));
        SequencerTick.Result result = tick().tick();
        assertThat(result.queued()).isZero();
        assertThat(messages(lead)).isEmpty();
        assertThat(((Number) row(enrollment).get("outreach_sequence_step")).intValue()).isEqualTo(3);
        // looked at again later, not at every tick
        assertThat(instant(row(enrollment).get("next_touch_due_at"))).isEqualTo(T0.plus(Duration.ofHours(6)));
    }

    @Test
    default void finalStepWithOpensIsIncluded() {
        long lead = lead("opened", null);
        long enrollment = enrollment(lead, null, 3, Duration.ofHours(200));
        set(enrollment, "email_open_count = 1, email_human_open_count = 1, last_email_opened_at = :at",
                Map.of("at", T0.minus(Duration.ofHours(150))));
        assertThat(tick().tick().queued()).isEqualTo(1);
        assertThat(messages(lead)).singleElement().satisfies(m -> {
            assertThat(((Number) m.get("touch")).intValue()).isEqualTo(3);
            assertThat(m.get("message_type")).isEqualTo("final");
        });
        assertThat(row(enrollment).get("status")).isEqualTo("CONTACTED");
        assertThat(row(enrollment).get("next_touch_due_at")).isNull();
    }

    @Test
    default void finalStepWithAClickButOnlyMachineOpensIsIncludedAndMachineOpensAloneAreNot() {
        long clicked = lead("clicked", null);
        long machine = lead("machine", null);
        long clickedEnrollment = enrollment(clicked, null, 3, Duration.ofHours(200));
        long machineEnrollment = enrollment(machine, null, 3, Duration.ofHours(200));
        set(clickedEnrollment, "last_email_clicked_at = :at", Map.of("at", T0.minus(Duration.ofHours(150))));
        set(machineEnrollment, "email_open_count = 2, email_human_open_count = 0, last_email_opened_at = :at",
                Map.of("at", T0.minus(Duration.ofHours(150))));
        tick().tick();
        assertThat(messages(clicked)).hasSize(1);
        assertThat(messages(machine)).isEmpty();
    }

    @Test
    default void stepTwoWithoutOpensIsIncluded() {
        long lead = lead("step2", null);
        enrollment(lead, null, 2, Duration.ofHours(97));
        assertThat(tick().tick().queued()).isEqualTo(1);
        assertThat(messages(lead)).singleElement().satisfies(m -> assertThat(((Number) m.get("touch")).intValue()).isEqualTo(2));
    }

    @Test
    default void withTheFlagOffTheFinalStepGoesRegardless() {
        settings("require_engagement_for_final_step = false");
        long lead = lead("ungated", null);
        enrollment(lead, null, 3, Duration.ofHours(200));
        assertThat(tick().tick().queued()).isEqualTo(1);
        assertThat(messages(lead)).hasSize(1);
    }

    // ---- 3: adaptive timing in the tick ----

    @Test
    default void theTickWaitsTheAdaptiveDelay() {
        long never = lead("never", null);
        long reopened = lead("reopened", null);
        long neverEnrollment = enrollment(never, null, 1, Duration.ofHours(71));
        long reopenedEnrollment = enrollment(reopened, null, 1, Duration.ofHours(37));
        set(reopenedEnrollment, "email_open_count = 3, email_human_open_count = 3, last_email_opened_at = :at,"
                + " last_email_human_opened_at = :at",
                Map.of("at", T0.minus(Duration.ofHours(30))));
        tick().tick();
        assertThat(messages(reopened)).hasSize(1); // 36h floor passed
        assertThat(messages(never)).isEmpty(); // 72h not yet
        assertThat(instant(row(neverEnrollment).get("next_touch_due_at"))).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        clock().advance(Duration.ofHours(1));
        tick().tick();
        assertThat(messages(never)).hasSize(1);
    }

    @Test
    default void machineOpensAloneKeepTheNeverOpenedDelay() {
        long prefetched = lead("prefetched", null);
        enrollment(prefetched, null, 1, Duration.ofHours(40));
        set(enrollmentOf(prefetched), "email_open_count = 3, email_human_open_count = 0, last_email_opened_at = :at",
                Map.of("at", T0.minus(Duration.ofHours(39).plusMinutes(50))));
        assertThat(tick().tick().queued()).as("72h for a touch no person opened, not the 36h of three opens").isZero();
        assertThat(messages(prefetched)).isEmpty();
    }

    @Test
    default void theSqlTiersAgreeWithTheJavaFunction() {
        int[] hours = FollowupTiming.tierHours(60, 36);
        List<Object[]> cases = new ArrayList<>();
        Instant sent = T0.minus(Duration.ofHours(10));
        Integer[] opens = {0, 1, 2, 3, 5};
        Instant[] firstOpens = {null, sent.minus(Duration.ofHours(2)), sent.plus(Duration.ofMinutes(30)),
                sent.plus(Duration.ofMinutes(60)), sent.plus(Duration.ofHours(2))};
        Instant[] clicks = {null, sent.plus(Duration.ofHours(3))};
        for (int step = 0; step <= 3; step++) {
            for (Integer open : opens) {
                for (Instant firstOpen : firstOpens) {
                    for (Instant click : clicks) {
                        long lead = lead("tier", null);
                        long enrollment = enrollment(lead, null, step, Duration.ofHours(10));
                        var values = new java.util.HashMap<String, Object>();
                        values.put("opens", open);
                        values.put("opened", firstOpen);
                        values.put("clicked", click);
                        set(enrollment, "email_human_open_count = :opens, last_email_human_opened_at = :opened,"
                                + " last_email_clicked_at = :clicked", values);
                        int sql = jdbc().sql("select " + FollowupTiming.tierCase(tier -> Integer.toString(hours[tier]))
                                + " from enrollment e where e.id = :id").param("id", enrollment).query(Integer.class).single();
                        int java = FollowupTiming.requiredFollowupDelayHours(new Engagement(open, sent, firstOpen, click),
                                step, 60, 36);
                        cases.add(new Object[] {step, open, firstOpen, click, sql, java});
                    }
                }
            }
        }
        assertThat(cases).hasSize(4 * 5 * 5 * 2);
        assertThat(cases).allSatisfy(c -> assertThat(c[4]).as("step %s opens %s first open %s click %s", c[0], c[1], c[2], c[3])
                .isEqualTo(c[5]));
        assertThat(cases.stream().map(c -> c[5]).distinct()).hasSize(5); // 42, 48, 60, 84, 108
    }

    // ---- stops ----

    @Test
    default void repliedUnsubscribedBouncedAndSuppressedLeadsAreStopped() {
        long replied = lead("replied", null);
        long unsubscribed = lead("unsubscribed", null);
        long bounced = lead("bounced", null);
        long suppressed = lead("suppressed", null);
        long domain = lead("domain", null);
        long fine = lead("fine", null);
        long repliedEnrollment = enrollment(replied, null, 1, Duration.ofHours(100));
        long unsubscribedEnrollment = enrollment(unsubscribed, null, 0, null);
        long bouncedEnrollment = enrollment(bounced, null, 0, null);
        long suppressedEnrollment = enrollment(suppressed, null, 0, null);
        long domainEnrollment = enrollment(domain, null, 0, null);
        enrollment(fine, null, 0, null);
        jdbc().sql("update lead set status = 'REPLIED' where id = :id").param("id", replied).update();
        set(unsubscribedEnrollment, "email_unsubscribed = true", Map.of());
        jdbc().sql("update lead set status = 'BOUNCED' where id = :id").param("id", bounced).update();
        String email = jdbc().sql("select email_normalized from lead where id = :id").param("id", suppressed).query(String.class).single();
        jdbc().sql("insert into suppression (kind, entry, reason, created_at) values ('ADDRESS', :e, 'test', :now)")
                .param("e", email).param("now", ts(T0)).update();
        jdbc().sql("update lead set email = 'x@other-cadence.example', email_normalized = 'x@other-cadence.example' where id = :id")
                .param("id", domain).update();
        jdbc().sql("insert into suppression (kind, entry, reason, created_at) values ('DOMAIN', 'other-cadence.example', 'test', :now)")
                .param("now", ts(T0)).update();

        SequencerTick.Result result = tick().tick();

        assertThat(result.stopped()).isEqualTo(5);
        assertThat(result.queued()).isEqualTo(1);
        assertThat(row(repliedEnrollment)).containsEntry("status", "STOPPED").containsEntry("stopped_reason", "replied");
        assertThat(row(unsubscribedEnrollment)).containsEntry("status", "STOPPED").containsEntry("stopped_reason", "unsubscribed");
        assertThat(row(bouncedEnrollment)).containsEntry("status", "STOPPED").containsEntry("stopped_reason", "hard bounce");
        assertThat(row(suppressedEnrollment)).containsEntry("status", "STOPPED").containsEntry("stopped_reason", "suppressed");
        assertThat(row(domainEnrollment)).containsEntry("status", "STOPPED").containsEntry("stopped_reason", "suppressed");
        for (long lead : List.of(replied, unsubscribed, bounced, suppressed, domain)) {
            assertThat(messages(lead)).isEmpty();
        }
        assertThat(messages(fine)).hasSize(1);
    }

    // ---- 4: send windows ----

    @Test
    default void dueTouchesOutsideTheLeadsBusinessHoursWait() {
        settings("send_window_start_hour = 9, send_window_end_hour = 17, send_days = 'MON,TUE,WED,THU,FRI'");
        long campaign = campaign("America/Los_Angeles");
        long newYork = lead("ny", null); // unbound: engine default, New York, 11:00: inside
        long tokyo = lead("tokyo", "Asia/Tokyo"); // Wednesday 00:00 in Tokyo: outside
        long losAngeles = lead("la", null); // campaign's zone, 08:00: outside
        enrollment(newYork, null, 0, null);
        long tokyoEnrollment = enrollment(tokyo, null, 0, null);
        long laEnrollment = enrollment(losAngeles, campaign, 0, null);

        SequencerTick.Result result = tick().tick();

        assertThat(result.queued()).isEqualTo(1);
        assertThat(result.outsideWindow()).isEqualTo(2);
        assertThat(messages(newYork)).hasSize(1);
        assertThat(messages(tokyo)).isEmpty();
        assertThat(messages(losAngeles)).isEmpty();
        assertThat(instant(row(tokyoEnrollment).get("next_touch_due_at"))).isEqualTo(Instant.parse("2025-06-04T00:00:00Z"));
        assertThat(instant(row(laEnrollment).get("next_touch_due_at"))).isEqualTo(Instant.parse("2025-06-03T16:00:00Z"));
        clock().set(Instant.parse("2025-06-03T16:00:00Z"));
        tick().tick();
        assertThat(messages(losAngeles)).hasSize(1);
        assertThat(messages(tokyo)).isEmpty();
        clock().set(Instant.parse("2025-06-04T00:00:00Z"));
        tick().tick();
        assertThat(messages(tokyo)).hasSize(1);
    }

    // ---- 4g: re-contact ----

    /** A completed sequence, its last touch {@code daysAgo} days before now. */
    default long contacted(String name, int daysAgo, int cycle) {
        long lead = lead(name, null);
        long enrollment = enrollment(lead, null, 4, Duration.ofDays(daysAgo));
        set(enrollment, "status = 'CONTACTED', next_touch_due_at = null, re_contact_cycle = :cycle, email_open_count = 4,"
                + " email_human_open_count = 2, last_email_opened_at = :at, last_email_human_opened_at = :at,"
                + " last_email_clicked_at = :at",
                Map.of("cycle", cycle, "at", T0.minus(Duration.ofDays(daysAgo - 1))));
        return enrollment;
    }

    @Test
    default void eligibleEnrollmentsAreResetWithEngagementCleared() {
        long enrollment = contacted("eligible", 91, 0);
        assertThat(recontact().run()).isEqualTo(1);
        Map<String, Object> row = row(enrollment);
        assertThat(row).containsEntry("status", "COLD");
        assertThat(((Number) row.get("outreach_sequence_step")).intValue()).isZero();
        assertThat(((Number) row.get("re_contact_cycle")).intValue()).isEqualTo(1);
        assertThat(instant(row.get("cycle_reset_at"))).isEqualTo(T0);
        assertThat(row.get("last_email_opened_at")).isNull();
        assertThat(row.get("last_email_human_opened_at")).isNull();
        assertThat(row.get("last_email_clicked_at")).isNull();
        assertThat(((Number) row.get("email_open_count")).intValue()).isZero();
        assertThat(((Number) row.get("email_human_open_count")).intValue()).isZero();
        assertThat(instant(row.get("next_touch_due_at"))).isEqualTo(T0);
        assertThat(recontact().run()).isZero();
    }

    @Test
    default void theCycleCapIsRespected() {
        long atCap = contacted("cap", 200, 4);
        long belowCap = contacted("below", 200, 3);
        assertThat(recontact().run()).isEqualTo(1);
        assertThat(row(atCap)).containsEntry("status", "CONTACTED");
        assertThat(((Number) row(belowCap).get("re_contact_cycle")).intValue()).isEqualTo(4);
    }

    @Test
    default void unsubscribedAndRepliedAreExcluded() {
        long unsubscribed = contacted("unsub", 120, 0);
        long replied = contacted("replied", 120, 0);
        long bounced = contacted("bounced", 120, 0);
        set(unsubscribed, "email_unsubscribed = true", Map.of());
        set(replied, "last_email_replied_at = :at", Map.of("at", T0.minus(Duration.ofDays(100))));
        jdbc().sql("update lead set status = 'BOUNCED' where id = (select lead_id from enrollment where id = :id)")
                .param("id", bounced).update();
        assertThat(recontact().run()).isZero();
        for (long enrollment : List.of(unsubscribed, replied, bounced)) {
            assertThat(row(enrollment)).containsEntry("status", "CONTACTED");
        }
    }

    @Test
    default void theCooldownIsEnforced() {
        long recent = contacted("recent", 89, 0);
        long exactly = contacted("exactly", 90, 0);
        assertThat(recontact().run()).isEqualTo(1);
        assertThat(row(recent)).containsEntry("status", "CONTACTED");
        assertThat(row(exactly)).containsEntry("status", "COLD");
    }

    @Test
    default void aResetEnrollmentIsTheTicksFirstTouchOfTheNewCycle() {
        long enrollment = contacted("again", 91, 0);
        recontact().run();
        tick().tick();
        long lead = ((Number) row(enrollment).get("lead_id")).longValue();
        assertThat(messages(lead)).singleElement().satisfies(m -> {
            assertThat(((Number) m.get("touch")).intValue()).isZero();
            assertThat(m.get("body")).asString().contains("re-contact cycle 1");
        });
    }

    @Test
    default void aLeadWhoseFinalTouchTheGateHoldsIsReContactedAfterTheCooldown() {
        // touches 1 to 3 went out, none opened by a human or clicked: the gate holds touch 4 back
        long gated = enrollment(lead("gated", null), null, 3, Duration.ofDays(91));
        long gatedRecently = enrollment(lead("gated-recent", null), null, 3, Duration.ofDays(60));
        long engaged = enrollment(lead("engaged", null), null, 3, Duration.ofDays(91));
        set(engaged, "email_human_open_count = 1, last_email_opened_at = :at", Map.of("at", T0.minus(Duration.ofDays(90))));
        long midSequence = enrollment(lead("mid", null), null, 2, Duration.ofDays(91));
        tick().tick();
        assertThat(messages(((Number) row(gated).get("lead_id")).longValue())).as("gated").isEmpty();
        assertThat(row(gated)).containsEntry("status", "ACTIVE");

        assertThat(recontact().run()).isEqualTo(1);

        assertThat(row(gated)).containsEntry("status", "COLD");
        assertThat(((Number) row(gated).get("re_contact_cycle")).intValue()).isEqualTo(1);
        assertThat(((Number) row(gated).get("outreach_sequence_step")).intValue()).isZero();
        assertThat(row(gatedRecently)).as("still inside the cooldown").containsEntry("status", "ACTIVE");
        assertThat(row(engaged)).as("engaged: its final touch went out, the cycle runs on").containsEntry("re_contact_cycle", 0);
        assertThat(row(midSequence)).as("not the final touch: the tick sends it").containsEntry("re_contact_cycle", 0);
    }

    @Test
    default void withTheGateOffAHeldBackFinalTouchIsNotACompletedCycle() {
        settings("require_engagement_for_final_step = false");
        long enrollment = enrollment(lead("ungated", null), null, 3, Duration.ofDays(91));
        assertThat(recontact().run()).isZero();
        assertThat(row(enrollment)).containsEntry("status", "ACTIVE");
    }

    @Test
    default void aPausedEnrollmentIsNotReContactedBeforeItsPauseEnds() {
        long paused = contacted("paused", 120, 0);
        long other = contacted("not-paused", 120, 0);
        set(paused, "paused_until = :until, paused_reason = 'Out of office until Friday'",
                Map.of("until", T0.plus(Duration.ofDays(3))));

        recontact().scheduled();

        assertThat(row(paused)).as("still paused").containsEntry("status", "CONTACTED");
        assertThat(((Number) row(paused).get("re_contact_cycle")).intValue()).isZero();
        assertThat(row(other)).containsEntry("status", "COLD");

        clock().advance(Duration.ofDays(3));
        recontact().scheduled();

        assertThat(row(paused)).as("the pause is over").containsEntry("status", "COLD");
        assertThat(((Number) row(paused).get("re_contact_cycle")).intValue()).isEqualTo(1);
    }
}
