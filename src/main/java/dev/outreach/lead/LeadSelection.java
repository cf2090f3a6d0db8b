package dev.outreach.lead;

import dev.outreach.shared.Wording;
import java.util.List;

/**
 * The leads a bulk action acts on: the rows an operator ticked, or every lead matching the grid's
 * filter, which {@link LeadService#ids} resolves on the server when the action runs (not the
 * rows the browser happened to load). {@code size} is the count the operator saw.
 */
public record LeadSelection(List<Long> ids, LeadFilter filter, int size) {

    public LeadSelection {
        ids = List.copyOf(ids);
    }

    public static LeadSelection of(List<Long> ids) {
        return new LeadSelection(ids, null, ids.size());
    }

    public static LeadSelection matching(LeadFilter filter, int count) {
        return new LeadSelection(List.of(), filter, count);
    }

    public boolean allMatching() {
        return filter != null;
    }

    /** "2 leads", "all 1,234 leads matching the filter": for dialog titles. */
    public String describe() {
        return allMatching() ? "all " + Wording.count(size, "lead") + " matching the filter" : Wording.count(size, "lead");
    }
}
