package dev.outreach.inbox;

import dev.outreach.shared.InvalidInputException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What the inbox shows: every reply and automatic answer, narrowed by any of these (empty: any).
 *
 * @param from first day received (inclusive, UTC)
 * @param to last day received (inclusive, UTC)
 */
public record InboxFilter(Optional<IntentLabel> label, Optional<Long> campaignId, Optional<Long> mailboxId,
        Optional<String> assignee, boolean unreadOnly, Optional<LocalDate> from, Optional<LocalDate> to) {

    public InboxFilter {
        assignee = assignee.map(String::strip).filter(a -> !a.isEmpty());
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new InvalidInputException("to", "The last day (" + to.get() + ") is before the first (" + from.get() + ")");
        }
    }

    public static InboxFilter all() {
        return new InboxFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false,
                Optional.empty(), Optional.empty());
    }

    public InboxFilter withLabel(IntentLabel value) {
        return new InboxFilter(Optional.ofNullable(value), campaignId, mailboxId, assignee, unreadOnly, from, to);
    }

    public InboxFilter withCampaign(Long value) {
        return new InboxFilter(label, Optional.ofNullable(value), mailboxId, assignee, unreadOnly, from, to);
    }

    public InboxFilter withMailbox(Long value) {
        return new InboxFilter(label, campaignId, Optional.ofNullable(value), assignee, unreadOnly, from, to);
    }

    public InboxFilter withAssignee(String value) {
        return new InboxFilter(label, campaignId, mailboxId, Optional.ofNullable(value), unreadOnly, from, to);
    }

    public InboxFilter withUnreadOnly(boolean value) {
        return new InboxFilter(label, campaignId, mailboxId, assignee, value, from, to);
    }

    public InboxFilter withDates(LocalDate first, LocalDate last) {
        return new InboxFilter(label, campaignId, mailboxId, assignee, unreadOnly, Optional.ofNullable(first),
                Optional.ofNullable(last));
    }
}
