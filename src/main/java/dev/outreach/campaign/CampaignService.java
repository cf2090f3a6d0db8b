package dev.outreach.campaign;

import dev.outreach.shared.AuditLog;
import dev.outreach.shared.InvalidInputException;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Campaigns: listing for everyone signed in, creating for admins. */
@Service
public class CampaignService {

    private final CampaignRepository campaigns;
    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final Clock clock;

    CampaignService(CampaignRepository campaigns, JdbcClient jdbc, AuditLog auditLog, Clock clock) {
        this.campaigns = campaigns;
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<CampaignSummary> findAll() {
        return campaigns.findAllByOrderByNameAsc().stream().map(Campaign::toSummary).toList();
    }

    /** Creates a campaign on the default sequence; names are unique. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public CampaignSummary create(String name, String description, String defaultTimeZone) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 150) {
            throw new InvalidInputException("name", "Give a name of 1 to 150 characters");
        }
        if (campaigns.findByName(trimmed).isPresent()) {
            throw new InvalidInputException("name", "A campaign named '" + trimmed + "' already exists");
        }
        Long sequenceId = jdbc.sql("select id from sequence_config where is_default order by id fetch first 1 rows only")
                .query(Long.class).optional().orElse(null);
        Campaign campaign = campaigns.save(new Campaign(trimmed, description, sequenceId, defaultTimeZone, clock.instant()));
        auditLog.record("campaign.create", "campaign", campaign.toSummary().id(), null, trimmed);
        return campaign.toSummary();
    }
}
