package dev.outreach.inbox;

import java.util.List;
import java.util.Optional;

/** One page of the inbox, newest first, and the cursor of the next page (empty on the last one). */
public record InboxPage(List<InboxRow> rows, Optional<String> next) {
}
