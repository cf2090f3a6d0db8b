package dev.outreach.campaign;

import java.util.List;

/**
 * The sending domains and mailboxes a campaign's senders may be chosen from, by id with a label;
 * the deliverability module answers (it depends on campaign, so campaign asks through this).
 */
public interface CampaignSenderChoices {

    List<Choice> domains();

    List<Choice> mailboxes();

    /** "getsummitreach.example", "dana@getsummitreach.example (paused)". */
    record Choice(long id, String label) {
    }
}
