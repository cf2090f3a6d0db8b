package dev.outreach.deliverability;

import dev.outreach.campaign.CampaignSenderChoices;
import java.util.List;
import org.springframework.stereotype.Component;

/** The domains and mailboxes a campaign's settings offer as senders, with their state beside the name. */
@Component
class CampaignSenderOptions implements CampaignSenderChoices {

    private final SendingDomainService domains;
    private final MailboxService mailboxes;

    CampaignSenderOptions(SendingDomainService domains, MailboxService mailboxes) {
        this.domains = domains;
        this.mailboxes = mailboxes;
    }

    @Override
    public List<Choice> domains() {
        return domains.findAll().stream()
                .map(domain -> new Choice(domain.id(), domain.domain() + (domain.paused() ? " (paused)" : ""))).toList();
    }

    @Override
    public List<Choice> mailboxes() {
        return mailboxes.findAll().stream().map(mailbox -> new Choice(mailbox.id(), mailbox.address()
                + (mailbox.paused() ? " (paused)" : ""))).toList();
    }
}
