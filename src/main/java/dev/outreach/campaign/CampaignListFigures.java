package dev.outreach.campaign;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * How each campaign is doing, for the campaigns list; provided by the module that counts
 * messages and enrollments (the campaign module cannot read them). A campaign without figures
 * is absent from the map.
 */
public interface CampaignListFigures {

    /** The figures of these campaigns, in one query: the list asks for the page it shows. */
    Map<Long, Figures> figures(Collection<Long> campaignIds);

    /** {@code lastActivity} null when nothing happened yet; rates in percent. */
    record Figures(long leads, long contacted, long replies, double replyRate, double bounceRate, Instant lastActivity) {
    }
}
