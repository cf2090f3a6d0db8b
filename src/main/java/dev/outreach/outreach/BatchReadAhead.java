package dev.outreach.outreach;

import dev.outreach.lead.LeadDetails;
import dev.outreach.shared.ChannelType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the dispatcher reads for a whole batch in a few queries instead of several per message
 * (see {@link OutboxDispatcher}): the leads by id, the suppression list's answer per address
 * (by {@link #addressKey}), and the tries so far per message and channel.
 */
record BatchReadAhead(Map<Long, LeadDetails> leads, Map<String, Optional<String>> suppressions,
        Map<ChannelTries, Integer> tries) {

    /** Nothing read ahead: every value is read when first needed. */
    static final BatchReadAhead NONE = new BatchReadAhead(Map.of(), Map.of(), Map.of());

    BatchReadAhead {
        leads = Map.copyOf(leads);
        suppressions = Map.copyOf(suppressions);
        tries = Map.copyOf(tries);
    }

    /** One message's tries on one channel. */
    record ChannelTries(UUID messageId, ChannelType channel) {
    }

    /** The suppression list compares addresses trimmed and in lower case. */
    static String addressKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
