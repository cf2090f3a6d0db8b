package dev.outreach.lead;

import dev.outreach.lead.ImportOptions.Duplicates;
import dev.outreach.lead.ImportReport.LineProblem;
import dev.outreach.lead.LeadImportService.Tally;
import dev.outreach.shared.FieldError;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * A batch of valid import rows: looks up duplicates for the whole batch in two queries,
 * then creates, updates or skips each row, enrolls the created and updated leads when the
 * import was asked to, and clears the persistence context so that memory stays flat however
 * long the file is.
 */
class LeadImportBatch {

    private record Row(long line, LeadDraft draft) {
    }

    private final List<Row> rows = new ArrayList<>();
    /** New leads of this batch, inserted together in one JDBC batch at the end of {@link #flush}. */
    private final List<Lead> created = new ArrayList<>();
    /** Ids of the existing leads this batch updated (new leads get theirs at the insert). */
    private final Set<Long> updatedIds = new LinkedHashSet<>();
    private final Factory deps;
    private final ImportOptions options;
    private final boolean dryRun;
    private final Tally tally;

    private LeadImportBatch(Factory deps, ImportOptions options, boolean dryRun, Tally tally) {
        this.deps = deps;
        this.options = options;
        this.dryRun = dryRun;
        this.tally = tally;
    }

    void add(long line, LeadDraft draft) {
        rows.add(new Row(line, draft));
    }

    int size() {
        return rows.size();
    }

    void flush() {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Lead> byEmail = index(deps.leads.findByEmailNormalizedIn(
                keys(row -> LeadValues.normalizeEmail(row.draft().getEmail()))), Lead::getEmailNormalized);
        Map<String, Lead> byLinkedin = index(deps.leads.findByLinkedinIdIn(
                keys(row -> LeadValues.linkedinId(row.draft().getLinkedin()).orElse(null))), Lead::getLinkedinId);
        for (Row row : rows) {
            String email = LeadValues.normalizeEmail(row.draft().getEmail());
            String linkedin = LeadValues.linkedinId(row.draft().getLinkedin()).orElse(null);
            Lead sameEmail = email == null ? null : byEmail.get(email);
            Lead sameLinkedin = linkedin == null ? null : byLinkedin.get(linkedin);
            if (sameEmail != null && sameLinkedin != null && sameEmail != sameLinkedin) {
                tally.valid--;
                tally.invalid(new LineProblem(row.line(), null, "matches two different leads: "
                        + LeadService.describe(sameEmail) + " by email and " + LeadService.describe(sameLinkedin)
                        + " by LinkedIn"));
                continue;
            }
            Lead existing = sameEmail != null ? sameEmail : sameLinkedin;
            Lead stored = existing == null ? create(row) : duplicate(existing, row);
            if (stored != null) {
                if (email != null) {
                    byEmail.put(email, stored);
                }
                if (linkedin != null) {
                    byLinkedin.put(linkedin, stored);
                }
            }
        }
        if (!dryRun) {
            write();
        }
        rows.clear();
        created.clear();
        updatedIds.clear();
    }

    private void write() {
        try {
            List<Long> createdIds = deps.insertAll(created, options.enroll());
            deps.entityManager.flush();
            if (options.enroll()) {
                enroll(createdIds);
            }
            deps.entityManager.clear();
        } catch (DataAccessException | PersistenceException refused) {
            Map<String, Long> lineByKey = new HashMap<>();
            for (Row row : rows) {
                Optional.ofNullable(LeadValues.normalizeEmail(row.draft().getEmail()))
                        .ifPresent(email -> lineByKey.putIfAbsent(email, row.line()));
                LeadValues.linkedinId(row.draft().getLinkedin()).ifPresent(id -> lineByKey.putIfAbsent(id, row.line()));
            }
            throw ImportRefusal.explain(refused, rows.getFirst().line(), rows.getLast().line(), lineByKey);
        }
    }

    /** After the flush, so that the enrollment reads the leads as this batch left them (an email just added). */
    private void enroll(List<Long> createdIds) {
        Set<Long> ids = new LinkedHashSet<>(createdIds);
        ids.addAll(updatedIds);
        if (!ids.isEmpty()) {
            tally.enrolled += deps.enrollment().enroll(List.copyOf(ids), options.campaignId());
        }
    }

    private Lead create(Row row) {
        tally.created++;
        if (options.source() != null) {
            row.draft().setSource(options.source());
        }
        Lead lead = new Lead(deps.clock.instant());
        lead.apply(row.draft(), deps.grader.grade(row.draft()), deps.clock.instant());
        created.add(lead);
        return lead;
    }

    private Lead duplicate(Lead existing, Row row) {
        tally.duplicates++;
        if (options.duplicates() == Duplicates.SKIP || dryRun) {
            tally.skippedDuplicates++;
            return existing;
        }
        LeadDraft merged = existing.toDraft();
        for (LeadField field : LeadField.values()) {
            String value = field.write(row.draft());
            if (value != null) {
                field.read(merged, value);
            }
        }
        merged.normalized();
        List<FieldError> errors = deps.validator.validate(merged);
        if (!errors.isEmpty()) {
            tally.valid--;
            tally.invalid(new LineProblem(row.line(), errors.getFirst().field(),
                    "updating " + LeadService.describe(existing) + " would make it invalid: " + errors.getFirst().message()));
            return existing;
        }
        existing.apply(merged, deps.grader.grade(merged), deps.clock.instant());
        tally.updated++;
        if (existing.getId() != null) {
            updatedIds.add(existing.getId());
        }
        return existing;
    }

    private List<String> keys(Function<Row, String> key) {
        return rows.stream().map(key).filter(Objects::nonNull).distinct().toList();
    }

    private static Map<String, Lead> index(List<Lead> leads, Function<Lead, String> key) {
        return leads.stream().collect(Collectors.toMap(key, lead -> lead, (a, b) -> a, HashMap::new));
    }

    /** Creates batches with the collaborators they need. */
    @Component
    static class Factory {

        /** One statement for every new lead: a JDBC batch is ~10x faster than one JPA insert per row. */
        private static final String INSERT = """
                insert into lead (first_name, last_name, email, email_normalized, linkedin_id, linkedin_url, website,
                    contact_form_url, phone, time_zone, company, title, industry, city, state, country, employee_count,
                    annual_revenue, grade, grade_reasons, source, status, notes, search_text, created_at,
                    updated_at)
                values (:first_name, :last_name, :email, :email_normalized, :linkedin_id, :linkedin_url, :website,
                    :contact_form_url, :phone, :time_zone, :company, :title, :industry, :city, :state, :country,
                    :employee_count, :annual_revenue, :grade, :grade_reasons, :source, :status, :notes,
                    :search_text, :created_at, :updated_at)
                """;

        private final LeadRepository leads;
        private final EntityManager entityManager;
        private final NamedParameterJdbcTemplate jdbc;
        private final LeadGradeService grader;
        private final LeadValidator validator;
        private final Clock clock;
        private final Optional<ImportEnrollment> enrollment;

        Factory(LeadRepository leads, EntityManager entityManager, NamedParameterJdbcTemplate jdbc,
                LeadGradeService grader, LeadValidator validator, Clock clock, Optional<ImportEnrollment> enrollment) {
            this.leads = leads;
            this.entityManager = entityManager;
            this.jdbc = jdbc;
            this.grader = grader;
            this.validator = validator;
            this.clock = clock;
            this.enrollment = enrollment;
        }

        /** Inserts the new leads; returns their ids, in order, when asked (only then: it costs a result set). */
        List<Long> insertAll(List<Lead> created, boolean returnIds) {
            if (created.isEmpty()) {
                return List.of();
            }
            MapSqlParameterSource[] rows = created.stream().map(Factory::typed).toArray(MapSqlParameterSource[]::new);
            if (!returnIds) {
                jdbc.batchUpdate(INSERT, rows);
                return List.of();
            }
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.batchUpdate(INSERT, rows, keys, new String[] {"id"});
            return keys.getKeyList().stream().map(key -> ((Number) key.values().iterator().next()).longValue()).toList();
        }

        ImportEnrollment enrollment() {
            return enrollment.orElseThrow(() -> new IllegalStateException(
                    "No ImportEnrollment bean: the cadence module is not running, so imported leads cannot be enrolled"));
        }

        /** Declares every column's SQL type, so that nulls never make the driver ask the database for it. */
        private static MapSqlParameterSource typed(Lead lead) {
            MapSqlParameterSource source = new MapSqlParameterSource(lead.insertColumns());
            for (String column : source.getParameterNames()) {
                source.registerSqlType(column, switch (column) {
                    case "employee_count" -> Types.INTEGER;
                    case "annual_revenue" -> Types.BIGINT;
                    case "created_at", "updated_at" -> Types.TIMESTAMP;
                    default -> Types.VARCHAR;
                });
            }
            return source;
        }

        LeadImportBatch create(ImportOptions options, boolean dryRun, Tally tally) {
            return new LeadImportBatch(this, options, dryRun, tally);
        }
    }
}
