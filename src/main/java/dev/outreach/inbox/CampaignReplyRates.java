package dev.outreach.inbox;

import dev.outreach.shared.ChannelType;
import java.util.Map;

/**
 * A campaign's reply rates: in total over its contacted leads, per touch (1 is the first) and per
 * channel over their contacted messages, keyed as the campaign overview's funnels are.
 */
public record CampaignReplyRates(ReplyRates total, Map<Integer, ReplyRates> byTouch, Map<ChannelType, ReplyRates> byChannel) {
}
