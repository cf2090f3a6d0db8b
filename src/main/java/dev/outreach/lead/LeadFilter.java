package dev.outreach.lead;

/** The leads grid's filter; null parts match everything. {@code text} searches name, company and email. */
public record LeadFilter(String text, LeadStatus status, Grade grade, Long campaignId) {

    public static LeadFilter all() {
        return new LeadFilter(null, null, null, null);
    }

    public LeadFilter withText(String text) {
        return new LeadFilter(text, status, grade, campaignId);
    }

    public LeadFilter withStatus(LeadStatus status) {
        return new LeadFilter(text, status, grade, campaignId);
    }

    public LeadFilter withGrade(Grade grade) {
        return new LeadFilter(text, status, grade, campaignId);
    }

    public LeadFilter withCampaign(Long campaignId) {
        return new LeadFilter(text, status, grade, campaignId);
    }
}
