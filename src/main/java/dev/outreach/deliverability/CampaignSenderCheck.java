package dev.outreach.deliverability;

import dev.outreach.campaign.CampaignSenders;
import dev.outreach.campaign.SenderAvailability;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Whether a campaign's senders leave a mailbox that may send now (the same choice the dispatcher makes). */
@Component
class CampaignSenderCheck implements SenderAvailability {

    private final MailboxDirectory mailboxes;

    CampaignSenderCheck(MailboxDirectory mailboxes) {
        this.mailboxes = mailboxes;
    }

    @Override
    public Optional<String> noEligibleMailbox(CampaignSenders senders) {
        MailboxDirectory.Selection selection = mailboxes.preview();
        if (selection.eligible().stream().anyMatch(m -> senders.allows(m.mailbox().id(), m.domainId()))) {
            return Optional.empty();
        }
        if (selection.eligible().isEmpty() && selection.skipped().isEmpty()) {
            return Optional.of("no mailbox is set up");
        }
        return Optional.of(selection.eligible().isEmpty() ? "every mailbox is paused or unhealthy"
                : "none of its senders is a healthy mailbox");
    }
}
