package dev.outreach.lead;

import dev.outreach.shared.AuditLog;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The only door to leads: the grid's queries, create and edit with validation, de-duplication and grading. */
@Service
@PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
public class LeadService {

    private static final String EMAIL_FLAGGED = "lead.email-flag";
    private static final String EMAIL_FLAG_CLEARED = "lead.email-flag-clear";
    /** The most leads one search page returns. */
    public static final int MAX_PAGE_SIZE = 500;
    /** The most leads one bulk upsert takes. */
    public static final int MAX_BULK_UPSERT = 1_000;

    private final AuditLog auditLog;
    private final LeadRepository leads;
    private final LeadQueries queries;
    private final LeadCountCache counts;
    private final LeadValidator validator;
    private final LeadGradeService grader;
    private final LeadBulkUpsert bulk;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    LeadService(LeadRepository leads, LeadQueries queries, LeadCountCache counts, LeadValidator validator,
            LeadGradeService grader, LeadBulkUpsert bulk, AuditLog auditLog, Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.bulk = bulk;
        this.auditLog = auditLog;
        this.leads = leads;
        this.queries = queries;
        this.counts = counts;
        this.validator = validator;
        this.grader = grader;
        this.clock = clock;
    }

    /**
     * One page of the grid, in the given order; offset paging over indexed order columns. A
     * single statement needs no transaction: without one it costs one round trip, not four.
     */
    public List<LeadRow> page(LeadFilter filter, LeadSort sort, boolean descending, int offset, int limit) {
        return queries.page(filter, sort, descending, offset, limit);
    }

    /**
     * The grid's leads for the filter in its default order (newest first), by cursor: the page
     * after {@code cursor} (null for the first), at most {@code size} (1 to {@link #MAX_PAGE_SIZE}).
     * Stable under inserts: a lead created meanwhile is newer than every cursor, so it never
     * repeats or shifts a lead of the pages still to come.
     */
    public LeadSearchPage search(LeadFilter filter, String cursor, int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInputException("size", "Between 1 and " + MAX_PAGE_SIZE);
        }
        LeadCursor after = cursor == null || cursor.isBlank() ? null : LeadCursor.decode(cursor);
        List<LeadRow> rows = queries.pageAfter(filter, after, size + 1);
        if (rows.size() <= size) {
            return new LeadSearchPage(rows, Optional.empty());
        }
        List<LeadRow> page = List.copyOf(rows.subList(0, size));
        return new LeadSearchPage(page, Optional.of(LeadCursor.after(page.getLast()).encode()));
    }

    /** How many leads match, from a short-lived cache so that scrolling never recounts. */
    public int count(LeadFilter filter) {
        return counts.count(filter, queries::count);
    }

    @Transactional(readOnly = true)
    public Optional<LeadDetails> find(long id) {
        return leads.findById(id).map(Lead::toDetails);
    }

    /** Several leads in one query, by id (absent ids are left out): for work done in batches. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, LeadDetails> findAll(java.util.Collection<Long> ids) {
        java.util.Map<Long, LeadDetails> found = new java.util.HashMap<>();
        queries.byIds(List.copyOf(new java.util.LinkedHashSet<>(ids))).forEach(lead -> found.put(lead.getId(), lead.toDetails()));
        return found;
    }

    /** Validates, refuses duplicates by email or LinkedIn id, grades and stores a new lead. */
    @Transactional
    public long create(LeadDraft draft) {
        Lead lead = new Lead(clock.instant());
        store(lead, draft);
        return lead.getId();
    }

    /** Like {@link #create} for an existing lead; the grade is recomputed. */
    @Transactional
    public void update(long id, LeadDraft draft) {
        Lead lead = leads.findById(id).orElseThrow(() -> new InvalidInputException("id", "No lead with id " + id));
        store(lead, draft);
    }

    /**
     * Changes some of a lead's fields: {@code change} edits the lead's current values, which are
     * then validated and stored like the form's, in one transaction (an error it throws changes nothing).
     */
    @Transactional
    public LeadDetails edit(long id, java.util.function.Consumer<LeadDraft> change) {
        Lead lead = leads.findById(id).orElseThrow(() -> new dev.outreach.shared.NotFoundException("No lead with id " + id));
        LeadDraft draft = lead.toDraft();
        change.accept(draft);
        store(lead, draft);
        return lead.toDetails();
    }

    /**
     * Creates or updates, by email, up to {@link #MAX_BULK_UPSERT} leads at once, each row validated
     * like the form; rows with errors are reported by line and field and change nothing, the others
     * are stored (see {@link LeadBulkUpsert}). Audited as one entry.
     */
    @Transactional
    public BulkUpsertReport bulkUpsert(List<LeadDraft> rows) {
        if (rows.isEmpty()) {
            throw new InvalidInputException("leads", "Give at least one lead");
        }
        if (rows.size() > MAX_BULK_UPSERT) {
            throw new InvalidInputException("leads", "At most " + String.format(java.util.Locale.ROOT, "%,d", MAX_BULK_UPSERT)
                    + " leads per call; this one has " + String.format(java.util.Locale.ROOT, "%,d", rows.size()));
        }
        BulkUpsertReport report;
        try {
            report = bulk.upsert(rows);
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            throw new InvalidInputException("email", "Another request saved one of these leads at the same time;"
                    + " send the call again and it will update it");
        }
        counts.invalidate();
        if (report.created() + report.updated() > 0) {
            auditLog.record("lead.bulk-upsert", "lead", null, rows.size() + " rows",
                    report.created() + " created, " + report.updated() + " updated, " + report.rejected() + " rejected");
        }
        return report;
    }

    /** The lead asked for no more outreach: UNSUBSCRIBED, which every sequence respects. */
    @Transactional
    public void markUnsubscribed(long id, java.time.Instant at) {
        queries.markUnsubscribed(id, at);
        counts.invalidate();
    }

    /**
     * The lead answered: REPLIED, which stops every sequence. A lead that unsubscribed or was
     * disqualified keeps that status. True when the status changed.
     */
    @Transactional
    public boolean markReplied(long id, java.time.Instant at) {
        boolean changed = queries.markReplied(id, at);
        if (changed) {
            counts.invalidate();
        }
        return changed;
    }

    /**
     * A person put the lead back into its sequence after its reply (a "not now" snoozed, a sequence
     * resumed): REPLIED becomes CONTACTED, audited ({@code lead.resume}) and published as
     * {@link LeadStatusChanged} with {@code cause}; the replies received until {@code repliesUntil}
     * (the replies handled) no longer make it REPLIED (the registry may deliver a reply's effect
     * after this), a later one does. Returns whether the status changed.
     */
    @Transactional
    public boolean returnToOutreach(long id, java.time.Instant repliesUntil, String cause) {
        java.time.Instant now = clock.instant();
        LeadStatus before = queries.returnToOutreach(id, repliesUntil, now)
                .orElseThrow(() -> new dev.outreach.shared.NotFoundException("No lead with id " + id));
        if (before != LeadStatus.REPLIED) {
            return false;
        }
        counts.invalidate();
        auditLog.record("lead.resume", "lead", id, LeadStatus.REPLIED.name(), LeadStatus.CONTACTED + " (" + cause + ")");
        events.publishEvent(new LeadStatusChanged(id, LeadStatus.REPLIED, LeadStatus.CONTACTED, cause, now));
        return true;
    }

    /**
     * The lead's address bounced for good: BOUNCED. A lead that unsubscribed or was disqualified
     * keeps that status. True when the status changed.
     */
    @Transactional
    public boolean markBounced(long id, java.time.Instant at) {
        return markFromEvent(id, LeadStatus.BOUNCED, List.of("BOUNCED", "UNSUBSCRIBED", "DISQUALIFIED"), at);
    }

    private boolean markFromEvent(long id, LeadStatus status, List<String> keep, java.time.Instant at) {
        boolean changed = queries.markFromEvent(id, status, keep, at);
        if (changed) {
            counts.invalidate();
        }
        return changed;
    }

    /**
     * What came of the lead (from the inbox): audited, and {@link LeadOutcomeChanged} published in
     * this transaction when it changed. Returns the outcome it had before (empty when none).
     */
    @Transactional
    public Optional<LeadOutcome> setOutcome(long id, LeadOutcome outcome) {
        if (outcome == null) {
            throw new InvalidInputException("outcome", "Choose an outcome");
        }
        Optional<LeadOutcome> before;
        try {
            before = queries.outcomeForUpdate(id);
        } catch (org.springframework.dao.EmptyResultDataAccessException missing) {
            throw new dev.outreach.shared.NotFoundException("No lead with id " + id);
        }
        if (before.equals(Optional.of(outcome))) {
            return before;
        }
        java.time.Instant now = clock.instant();
        queries.setOutcome(id, outcome, now);
        auditLog.record("lead.outcome", "lead", id, before.map(Enum::name).orElse(null), outcome.name());
        events.publishEvent(new LeadOutcomeChanged(id, before.orElse(null), outcome, now));
        return before;
    }

    /** The lead with this email address (compared as stored: trimmed, lower case), for mail that names no message. */
    @Transactional(readOnly = true)
    public Optional<Long> idByEmail(String email) {
        return Optional.ofNullable(LeadValues.normalizeEmail(email)).flatMap(leads::findByEmailNormalized)
                .map(Lead::getId);
    }

    /**
     * The lead's email channel needs an operator (a challenge-response asks a person to verify):
     * the reason shows on the lead until someone clears it. True when the flag is new.
     */
    @Transactional
    public boolean flagEmailChannel(long id, String reason, java.time.Instant at) {
        boolean flagged = queries.flagEmailChannel(id, reason, at);
        if (flagged) {
            auditLog.record(EMAIL_FLAGGED, "lead", id, null, reason);
        }
        return flagged;
    }

    /**
     * An operator has dealt with what flagged the lead's email channel (verified the sender, or
     * decided not to): the flag goes, and the audit log keeps what it said and who cleared it.
     * True when there was a flag to clear.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public boolean clearEmailChannelFlag(long id) {
        Optional<String> flag = queries.emailChannelFlag(id);
        boolean cleared = flag.isPresent() && queries.clearEmailChannelFlag(id, flag.get(), clock.instant());
        if (cleared) {
            auditLog.record(EMAIL_FLAG_CLEARED, "lead", id, flag.get(), null);
        }
        return cleared;
    }

    /** The lead's email channel flagged and cleared, newest first, with who did it. */
    @Transactional(readOnly = true)
    public List<EmailFlagChange> emailChannelFlagHistory(long id) {
        return auditLog.entries("lead", id, List.of(EMAIL_FLAGGED, EMAIL_FLAG_CLEARED), 20).stream()
                .map(entry -> EMAIL_FLAG_CLEARED.equals(entry.action())
                        ? new EmailFlagChange(entry.at(), entry.actor(), true, entry.before())
                        : new EmailFlagChange(entry.at(), entry.actor(), false, entry.after()))
                .toList();
    }

    /** Why the lead's email channel is flagged for an operator; empty when it is not. */
    @Transactional(readOnly = true)
    public Optional<String> emailChannelFlag(long id) {
        return queries.emailChannelFlag(id);
    }

    /** Notes that a message reached the lead: last outreach time, and NEW becomes CONTACTED. */
    @Transactional
    public void recordOutreach(long id, java.time.Instant at) {
        if (queries.recordOutreach(id, at)) {
            events.publishEvent(new LeadStatusChanged(id, LeadStatus.NEW, LeadStatus.CONTACTED, "first message sent", at));
        }
        counts.invalidate();
    }

    /**
     * The filter as a SQL predicate over {@code lead} aliased {@code alias} (e.g. "l."), for
     * another module's set-based statement over every matching lead (cadence's enroll-by-filter).
     */
    public LeadFilterSql filterSql(LeadFilter filter, String alias) {
        return LeadQueries.predicate(filter, alias);
    }

    /** The ids of a bulk selection; "all matching the filter" is resolved now, in one query. */
    @Transactional(readOnly = true)
    public List<Long> ids(LeadSelection selection) {
        return selection.allMatching() ? queries.ids(selection.filter()) : selection.ids();
    }

    /**
     * Deletes a bulk selection ("all matching" in one statement, as it matches now) and writes who
     * deleted what to the audit log; returns how many were deleted.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public int delete(LeadSelection selection) {
        int deleted = selection.allMatching() ? queries.delete(selection.filter()) : queries.delete(selection.ids());
        counts.invalidate();
        if (deleted > 0) {
            String what = selection.allMatching() ? "all matching " + selection.filter()
                    : selection.ids().size() <= 20 ? "ids " + selection.ids()
                    : "ids " + selection.ids().subList(0, 20) + " and " + (selection.ids().size() - 20) + " more";
            auditLog.record("lead.delete", "lead", selection.ids().size() == 1 ? selection.ids().getFirst() : null,
                    what, deleted + " deleted");
        }
        return deleted;
    }

    /** Deletes one lead, the same way as a selection of one. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void delete(long id) {
        delete(LeadSelection.of(List.of(id)));
    }

    private void store(Lead lead, LeadDraft draft) {
        draft.normalized();
        List<FieldError> errors = new ArrayList<>(validator.validate(draft));
        if (errors.isEmpty()) {
            errors.addAll(duplicates(lead.getId(), draft));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        LeadStatus before = lead.getId() == null ? null : lead.status();
        java.time.Instant now = clock.instant();
        lead.apply(draft, grader.grade(draft), now);
        try {
            leads.saveAndFlush(lead);
        } catch (org.springframework.dao.DataIntegrityViolationException raced) {
            // Validation ran first, so a violation here is another save winning the race on a unique key.
            String cause = String.valueOf(raced.getMostSpecificCause().getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (cause.contains("uq_lead_email")) {
                throw new InvalidInputException("email", "Another lead with this email was just saved");
            }
            if (cause.contains("uq_lead_linkedin")) {
                throw new InvalidInputException("linkedin", "Another lead with this LinkedIn profile was just saved");
            }
            throw raced;
        }
        if (before != null && before != lead.status()) {
            events.publishEvent(new LeadStatusChanged(lead.getId(), before, lead.status(),
                    "set by " + dev.outreach.shared.AuditLog.currentActor(), now));
        }
        counts.invalidate();
    }

    private List<FieldError> duplicates(Long selfId, LeadDraft draft) {
        List<FieldError> errors = new ArrayList<>();
        Optional.ofNullable(LeadValues.normalizeEmail(draft.getEmail()))
                .flatMap(leads::findByEmailNormalized)
                .filter(other -> !Objects.equals(other.getId(), selfId))
                .ifPresent(other -> errors.add(new FieldError("email",
                        "A lead with this email already exists: " + describe(other))));
        LeadValues.linkedinId(draft.getLinkedin())
                .flatMap(leads::findByLinkedinId)
                .filter(other -> !Objects.equals(other.getId(), selfId))
                .ifPresent(other -> errors.add(new FieldError("linkedin",
                        "A lead with this LinkedIn profile already exists: " + describe(other))));
        return errors;
    }

    static String describe(Lead other) {
        String company = other.toDraft().getCompany();
        return other.displayName() + (company == null ? "" : " at " + company) + " (#" + other.getId() + ")";
    }
}
