package dev.outreach.cadence;

import dev.outreach.campaign.EngineSettings;
import dev.outreach.campaign.EngineSettingsService;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * RecontactStats ({@code recontact_stats}): how many enrollments the
 * {@link RecontactWorker} would reset now (the same eligibility), how many started a new cycle in
 * the last 30 days, and how enrollments spread over cycles.
 */
@Service
public class RecontactStats {

    /** {@code {total_eligible, total_recycled_30d, cycle_distribution}}; the distribution maps cycle to enrollments. */
    public record Stats(long totalEligible, long totalRecycled30d, Map<Integer, Long> cycleDistribution) {
    }

    private final JdbcClient jdbc;
    private final EngineSettingsService settingsService;
    private final Clock clock;

    RecontactStats(JdbcClient jdbc, EngineSettingsService settingsService, Clock clock) {
        this.jdbc = jdbc;
        this.settingsService = settingsService;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public Stats stats() {
        EngineSettings settings = settingsService.settings();
        Instant now = clock.instant();
        long eligible = jdbc.sql("""
                select count(*) from enrollment e join lead l on l.id = e.lead_id
                where %s and e.re_contact_cycle < :maxCycles and %s
                """.formatted(RecontactEligibility.anyCycleOver(settings), RecontactEligibility.REST))
                .param("maxCycles", settings.maxRecontactCycles())
                .param("cutoff", Timestamp.from(now.minus(Duration.ofDays(settings.recontactCooldownDays()))))
                .param("now", Timestamp.from(now))
                .params(settings.requireEngagementForFinalStep()
                        ? Map.of("finalStep", settings.maxSequenceSteps() - 1) : Map.of())
                .query(Long.class).single();
        long recycled = jdbc.sql("select count(*) from enrollment where cycle_reset_at >= :since")
                .param("since", Timestamp.from(now.minus(Duration.ofDays(30)))).query(Long.class).single();
        Map<Integer, Long> distribution = new TreeMap<>();
        for (int cycle = 0; cycle <= settings.maxRecontactCycles(); cycle++) {
            distribution.put(cycle, 0L);
        }
        jdbc.sql("select re_contact_cycle, count(*) from enrollment group by re_contact_cycle").query((rs, n) -> {
            distribution.put(rs.getInt(1), rs.getLong(2));
            return null;
        }).list();
        return new Stats(eligible, recycled, distribution);
    }
}
