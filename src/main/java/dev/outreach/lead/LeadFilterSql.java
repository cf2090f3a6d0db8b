package dev.outreach.lead;

import java.util.Map;

/**
 * The leads grid's filter as a SQL predicate over {@code lead} under an alias, with its named
 * parameters (all prefixed {@code lf_}, so they cannot clash with the caller's): for set-based
 * work on "every lead matching the filter" in one statement ({@code INSERT ... SELECT ... from lead l
 * where <predicate>}), which an id list could only do row by row. Empty filter: {@code 1 = 1}.
 */
public record LeadFilterSql(String predicate, Map<String, Object> params) {

    public LeadFilterSql {
        params = Map.copyOf(params);
    }
}
