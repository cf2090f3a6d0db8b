package dev.outreach.campaign;

/**
 * Whether a campaign's senders leave a mailbox that may send now: the deliverability module
 * answers (it depends on campaign, so campaign asks through this interface).
 */
public interface SenderAvailability {

    /** Why no mailbox the senders allow may send, or empty when at least one may. */
    java.util.Optional<String> noEligibleMailbox(CampaignSenders senders);
}
