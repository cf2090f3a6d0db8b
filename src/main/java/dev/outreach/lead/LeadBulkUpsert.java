package dev.outreach.lead;

import dev.outreach.lead.BulkUpsertReport.Outcome;
import dev.outreach.lead.BulkUpsertReport.Row;
import dev.outreach.shared.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Upserts leads by email, set-based: one query finds the existing leads by email, one by LinkedIn
 * id, one JDBC batch inserts the new ones and one updates the others, whatever the row count.
 * Each row is validated like the console's form; a bad row is reported with its line and fields
 * and changes nothing, the good ones are stored. An existing lead keeps every field the row leaves
 * out (null), as an import with "update duplicates" does.
 */
@Component
class LeadBulkUpsert {

    static final String API_SOURCE = "API";

    private final LeadImportBatch.Factory sql;
    private final LeadValidator validator;
    private final LeadGradeService grader;
    private final Clock clock;

    LeadBulkUpsert(LeadImportBatch.Factory sql, LeadValidator validator, LeadGradeService grader, Clock clock) {
        this.sql = sql;
        this.validator = validator;
        this.grader = grader;
        this.clock = clock;
    }

    /** A row on its way: its line, what it says, the stored lead it matched and its errors. */
    private static final class Pending {
        final int line;
        final LeadDraft draft;
        final String email;
        final List<FieldError> errors = new ArrayList<>();
        Lead lead;
        boolean created;

        Pending(int line, LeadDraft draft) {
            this.line = line;
            this.draft = draft.normalized();
            this.email = LeadValues.normalizeEmail(this.draft.getEmail());
        }
    }

    BulkUpsertReport upsert(List<LeadDraft> drafts) {
        List<Pending> rows = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            rows.add(new Pending(i + 1, drafts.get(i) == null ? new LeadDraft() : drafts.get(i)));
        }
        validate(rows);
        // a row already refused still gets every other error it has, judged on its own
        rows.stream().filter(row -> !row.errors.isEmpty()).forEach(row -> row.errors.addAll(validator.validate(row.draft)));
        Map<String, Lead> byEmail = index(sql.findBy("email_normalized", keys(rows, row -> row.email)),
                Lead::getEmailNormalized);
        Map<String, Lead> byLinkedin = index(sql.findBy("linkedin_id", keys(rows, row -> linkedinId(row.draft))),
                Lead::getLinkedinId);
        Map<String, Integer> linkedinLines = new HashMap<>();
        Instant now = clock.instant();
        for (Pending row : rows.stream().filter(row -> row.errors.isEmpty()).toList()) {
            Lead existing = byEmail.get(row.email);
            // the lead as it would be stored: a row for an existing lead may give only what changes
            LeadDraft stored = existing == null ? row.draft : merged(existing, row.draft);
            row.errors.addAll(validator.validate(stored));
            String linkedin = linkedinId(stored);
            if (row.errors.isEmpty() && linkedin != null) {
                Lead owner = byLinkedin.get(linkedin);
                Integer claimed = linkedinLines.putIfAbsent(linkedin, row.line);
                if (owner != null && (existing == null || !Objects.equals(owner.getId(), existing.getId()))) {
                    row.errors.add(new FieldError("linkedin",
                            "A lead with this LinkedIn profile already exists: " + LeadService.describe(owner)));
                } else if (claimed != null) {
                    row.errors.add(new FieldError("linkedin", "Line " + claimed + " has the same LinkedIn profile"));
                }
            }
            if (row.errors.isEmpty()) {
                row.created = existing == null;
                row.lead = existing == null ? new Lead(now) : existing;
                if (row.created && stored.getSource() == null) {
                    stored.setSource(API_SOURCE);
                }
                row.lead.apply(stored, grader.grade(stored), now);
            }
        }
        write(rows);
        return report(rows);
    }

    /** An email in every row, each email once; the rest is validated on the lead as it would be stored. */
    private static void validate(List<Pending> rows) {
        Map<String, Integer> emailLines = new HashMap<>();
        for (Pending row : rows) {
            if (row.draft.getEmail() == null) {
                row.errors.add(new FieldError("email", "Bulk upsert matches leads by email: give an email"));
            } else {
                Integer first = emailLines.putIfAbsent(row.email, row.line);
                if (first != null) {
                    row.errors.add(new FieldError("email", "Line " + first + " has the same email"));
                }
            }
        }
    }

    private void write(List<Pending> rows) {
        List<Pending> created = rows.stream().filter(row -> row.lead != null && row.created).toList();
        List<Long> ids = sql.insertAll(created.stream().map(row -> row.lead).toList(), true);
        for (int i = 0; i < created.size(); i++) {
            created.get(i).lead.assignId(ids.get(i));
        }
        sql.updateAll(rows.stream().filter(row -> row.lead != null && !row.created).map(row -> row.lead).toList());
    }

    private static BulkUpsertReport report(List<Pending> rows) {
        List<Row> results = rows.stream().map(row -> row.lead == null
                ? new Row(row.line, row.draft.getEmail(), Outcome.ERROR, null, List.copyOf(row.errors))
                : new Row(row.line, row.draft.getEmail(), row.created ? Outcome.CREATED : Outcome.UPDATED,
                        row.lead.getId(), List.of())).toList();
        int created = (int) results.stream().filter(row -> row.outcome() == Outcome.CREATED).count();
        int updated = (int) results.stream().filter(row -> row.outcome() == Outcome.UPDATED).count();
        return new BulkUpsertReport(created, updated, results.size() - created - updated, results);
    }

    /** The stored lead with every field the row gives; the fields it leaves out keep their value. */
    private static LeadDraft merged(Lead existing, LeadDraft row) {
        LeadDraft merged = existing.toDraft();
        for (LeadField field : LeadField.values()) {
            String value = field.write(row);
            if (value != null) {
                field.read(merged, value);
            }
        }
        if (row.getSource() != null) {
            merged.setSource(row.getSource());
        }
        return merged.normalized();
    }

    private static String linkedinId(LeadDraft draft) {
        return LeadValues.linkedinId(draft.getLinkedin()).orElse(null);
    }

    private static List<String> keys(List<Pending> rows, Function<Pending, String> key) {
        return rows.stream().filter(row -> row.errors.isEmpty()).map(key).filter(Objects::nonNull).distinct().toList();
    }

    private static Map<String, Lead> index(List<Lead> leads, Function<Lead, String> key) {
        return leads.stream().collect(Collectors.toMap(key, lead -> lead, (a, b) -> a, HashMap::new));
    }
}
