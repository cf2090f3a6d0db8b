package dev.outreach.outreach;

import dev.outreach.campaign.SequenceConfig;
import dev.outreach.campaign.SequenceService;
import dev.outreach.lead.LeadCampaigns;
import dev.outreach.lead.LeadService;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts a touch in the outbox for later: the dispatcher sends it once it is due, through the
 * lead's sequence, with every limit and health rule applied. Used by the demo's traffic.
 */
@Service
public class OutreachQueue {

    private final OutreachStore store;
    private final LeadService leads;
    private final LeadCampaigns leadCampaigns;
    private final SequenceService sequences;
    private final Clock clock;

    OutreachQueue(OutreachStore store, LeadService leads, LeadCampaigns leadCampaigns, SequenceService sequences,
            Clock clock) {
        this.store = store;
        this.leads = leads;
        this.leadCampaigns = leadCampaigns;
        this.sequences = sequences;
        this.clock = clock;
    }

    /** A PENDING first touch due at {@code dueAt}; returns its id. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public UUID queue(long leadId, String subject, String body, Instant dueAt) {
        leads.find(leadId).orElseThrow(
                () -> new InvalidInputException(List.of(new FieldError("leadId", "No lead with id " + leadId))));
        SequenceConfig plan = sequences.forCampaign(leadCampaigns.latestCampaign(leadId).orElse(null));
        Instant now = clock.instant();
        OutreachMessage message = OutreachMessage.firstTouch(leadId, subject, body, dueAt, now, plan);
        store.insert(message, now);
        return message.id();
    }
}
