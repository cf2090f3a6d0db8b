package dev.outreach.lead;

import java.util.List;
import java.util.Optional;

/** One page of a lead search, newest first, and the cursor of the next page (empty on the last one). */
public record LeadSearchPage(List<LeadRow> leads, Optional<String> next) {
}
