package dev.outreach.campaign;

import java.util.Set;

/** The sending domains and mailboxes a campaign may use; both empty means every healthy one. */
public record CampaignSenders(Set<Long> domainIds, Set<Long> mailboxIds) {

    public CampaignSenders {
        domainIds = domainIds == null ? Set.of() : Set.copyOf(domainIds);
        mailboxIds = mailboxIds == null ? Set.of() : Set.copyOf(mailboxIds);
    }

    public static CampaignSenders all() {
        return new CampaignSenders(Set.of(), Set.of());
    }

    public boolean allowsAll() {
        return domainIds.isEmpty() && mailboxIds.isEmpty();
    }

    /** Whether a mailbox of that domain may send for the campaign. */
    public boolean allows(long mailboxId, long domainId) {
        return allowsAll() || mailboxIds.contains(mailboxId) || domainIds.contains(domainId);
    }
}
