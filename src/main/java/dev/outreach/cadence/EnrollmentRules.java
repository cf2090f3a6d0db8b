package dev.outreach.cadence;

import dev.outreach.campaign.CampaignEnrollmentPolicies;
import dev.outreach.lead.LeadStop;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one place that decides which leads enter a campaign, set-based: for the leads a SQL
 * predicate over {@code lead l} selects (ids from the grid or an import, or the grid's whole
 * filter in id ranges), one {@code INSERT ... SELECT} enrolls those it admits and, only when some
 * were not admitted, one statement counts the others' verdicts. In order, a lead is: already in the campaign; unreachable (the lead's
 * stop, {@link LeadStop}, or its address: none or suppressed, as the tick stops it); running in
 * another campaign (an enrollment there COLD or ACTIVE), skipped unless the campaign's policy
 * allows it; else added, at touch 0, COLD, due now. Runs in the caller's transaction.
 * Indexes: uq_enrollment_lead_campaign (lead_id first) for both enrollment probes,
 * uq_suppression_entry for the address checks.
 */
@Component
class EnrollmentRules {

    static final String IN = "IN";
    static final String ELSEWHERE = "ELSEWHERE";
    static final String ADD = "ADD";

    private final JdbcClient jdbc;
    private final CampaignEnrollmentPolicies policies;
    private final boolean postgres;

    EnrollmentRules(JdbcClient jdbc, CampaignEnrollmentPolicies policies, DataSource dataSource) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.postgres = isPostgres(dataSource);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }

    /** Sets {@code plan_cache_mode} for the rest of the transaction and returns the one it replaced. */
    private String planCacheMode(String mode) {
        return jdbc.sql("select current_setting('plan_cache_mode'), set_config('plan_cache_mode', :mode, true)")
                .param("mode", mode).query((rs, n) -> rs.getString(1)).single();
    }

    /** Whether the campaign takes leads running elsewhere; unbound enrollments (no campaign) never do. */
    boolean allowsActiveElsewhere(Long campaignId) {
        return campaignId != null && policies.enrollmentPolicy(campaignId).allowActiveElsewhere();
    }

    /**
     * Enrolls what {@code source} (a predicate over {@code lead l}, with {@code params}) selects and
     * the rules admit; the result counts every selected lead once. {@code selected}: how many leads
     * the source selects at most (a chunk's size); when all of them were added, the verdicts are
     * not counted again, so the common case (new leads) costs one statement.
     */
    EnrollResult enroll(Long campaignId, boolean allowActiveElsewhere, String source, Map<String, Object> params,
            Instant now, int selected) {
        String verdict = verdict(campaignId, allowActiveElsewhere);
        Map<String, Object> all = new HashMap<>(params);
        String planCacheMode = null;
        if (postgres) {
            // planned for the whole table, a chunk's statement would pay tens of ms of JIT compilation each
            jdbc.sql("set local jit = off").update();
            // each inserted row's two foreign keys (lead, campaign) are checked by statements PostgreSQL
            // prepares once per connection; the pool's force_custom_plan (set for the leads grid) had them
            // planned again for every row: 145 of a chunk's 200 ms (EXPLAIN ANALYZE, 5,000 leads)
            planCacheMode = planCacheMode("auto");
        }
        all.put("campaign", campaignId);
        all.put("now", Timestamp.from(now));
        // on conflict: enrolled meanwhile by someone else (the unique lead + campaign), counted as already in below
        int added = jdbc.sql("""
                insert into enrollment (lead_id, campaign_id, outreach_sequence_step, status, next_touch_due_at,
                    created_at, updated_at)
                select l.id, cast(:campaign as bigint), 0, 'COLD', :now, :now, :now from lead l
                where\s""" + source + " and " + admits(campaignId, allowActiveElsewhere) + "\non conflict do nothing")
                .params(all).update();
        if (planCacheMode != null) {
            // not restored when the insert fails: the transaction is rolled back then, and the setting with it
            planCacheMode(planCacheMode);
        }
        if (added == selected) {
            return new EnrollResult(added, 0, 0, 0);
        }
        // after the insert, in the same transaction: the leads just added read as already in
        Map<String, Integer> counts = new HashMap<>();
        jdbc.sql("select v, count(*) from (select " + verdict + " as v from lead l where " + source + ") t group by v")
                .params(all).query(rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        int in = counts.getOrDefault(IN, 0) + counts.getOrDefault(ADD, 0);
        int elsewhere = counts.getOrDefault(ELSEWHERE, 0);
        int unreachable = counts.values().stream().mapToInt(Integer::intValue).sum() - in - elsewhere;
        return new EnrollResult(added, in - added, elsewhere, unreachable);
    }

    /**
     * The insert's condition: the verdict is ADD. In a campaign, "already in" is left to the unique
     * (lead_id, campaign_id) and {@code on conflict do nothing}: as a subquery PostgreSQL plans it
     * as a hash of the campaign's enrollments, rebuilt for every chunk while the campaign grows.
     * Unbound enrollments (campaign null) have no such key and keep the check.
     */
    static String admits(Long campaignId, boolean allowActiveElsewhere) {
        return verdict(campaignId, allowActiveElsewhere, campaignId == null) + " = '" + ADD + "'";
    }

    /** The verdict of lead {@code l}: IN, a stop reason (unreachable), ELSEWHERE or ADD. */
    static String verdict(Long campaignId, boolean allowActiveElsewhere) {
        return verdict(campaignId, allowActiveElsewhere, true);
    }

    private static String verdict(Long campaignId, boolean allowActiveElsewhere, boolean checkIn) {
        String inThis = campaignId == null ? "i.campaign_id is null" : "i.campaign_id = :campaign";
        String other = campaignId == null ? "o.campaign_id is not null" : "(o.campaign_id is null or o.campaign_id <> :campaign)";
        return "(case " + (checkIn ? "when exists (select 1 from enrollment i where i.lead_id = l.id and " + inThis
                        + ") then '" + IN + "'\n" : "")
                + LeadStop.sqlCase("l.status", Map.of()) + TickStore.ADDRESS_STOPS + "\n"
                + (allowActiveElsewhere ? "" : "     when exists (select 1 from enrollment o where o.lead_id = l.id and "
                        + other + " and o.status in ('COLD', 'ACTIVE')) then '" + ELSEWHERE + "'\n")
                + "     else '" + ADD + "' end)";
    }
}
