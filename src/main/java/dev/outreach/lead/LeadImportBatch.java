package dev.outreach.lead;

import dev.outreach.lead.ImportOptions.Duplicates;
import dev.outreach.lead.ImportReport.LineProblem;
import dev.outreach.lead.LeadImportService.Tally;
import dev.outreach.shared.FieldError;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * then creates, updates or skips each row, and enrolls the created and updated leads when the
 * import was asked to. A bulk path: it reads and writes rows with SQL, never managed entities,
 * so memory stays flat however long the file is and the enrollment's SQL sees what was written.
 */
class LeadImportBatch {

    private record Row(long line, LeadDraft draft) {
    }

    private final List<Row> rows = new ArrayList<>();
    /** New leads of this batch, inserted together in one JDBC batch at the end of {@link #flush}. */
    private final List<Lead> created = new ArrayList<>();
    /** The existing leads this batch updated, by id (new leads get theirs at the insert). */
    private final Map<Long, Lead> updated = new LinkedHashMap<>();
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
        // one object per stored lead, so that a lead found by email and by LinkedIn is recognized as the same
        Map<Long, Lead> byId = new HashMap<>();
        Map<String, Lead> byEmail = index(deps.findBy("email_normalized",
                keys(row -> LeadValues.normalizeEmail(row.draft().getEmail()))), Lead::getEmailNormalized, byId);
        Map<String, Lead> byLinkedin = index(deps.findBy("linkedin_id",
                keys(row -> LeadValues.linkedinId(row.draft().getLinkedin()).orElse(null))), Lead::getLinkedinId, byId);
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
        updated.clear();
    }

    private void write() {
        try {
            List<Long> createdIds = deps.insertAll(created, options.enroll());
            deps.updateAll(updated.values());
            if (options.enroll()) {
                enroll(createdIds);
            }
        } catch (DataAccessException refused) {
            Map<String, Long> lineByKey = new HashMap<>();
            for (Row row : rows) {
                Optional.ofNullable(LeadValues.normalizeEmail(row.draft().getEmail()))
                        .ifPresent(email -> lineByKey.putIfAbsent(email, row.line()));
                LeadValues.linkedinId(row.draft().getLinkedin()).ifPresent(id -> lineByKey.putIfAbsent(id, row.line()));
            }
            throw ImportRefusal.explain(refused, rows.getFirst().line(), rows.getLast().line(), lineByKey);
        }
    }

    /** After the writes, so that the enrollment reads the leads as this batch left them (an email just added). */
    private void enroll(List<Long> createdIds) {
        Set<Long> ids = new LinkedHashSet<>(createdIds);
        ids.addAll(updated.keySet());
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
            updated.put(existing.getId(), existing);
        }
        return existing;
    }

    private List<String> keys(Function<Row, String> key) {
        return rows.stream().map(key).filter(Objects::nonNull).distinct().toList();
    }

    private static Map<String, Lead> index(List<Lead> leads, Function<Lead, String> key, Map<Long, Lead> byId) {
        return leads.stream().map(lead -> byId.computeIfAbsent(lead.getId(), id -> lead))
                .collect(Collectors.toMap(key, lead -> lead, (a, b) -> a, HashMap::new));
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

        /** The columns an import changes on an existing lead: all it inserts but the creation time. */
        private static final String UPDATE = """
                update lead set first_name = :first_name, last_name = :last_name, email = :email,
                    email_normalized = :email_normalized, linkedin_id = :linkedin_id, linkedin_url = :linkedin_url,
                    website = :website, contact_form_url = :contact_form_url, phone = :phone, time_zone = :time_zone,
                    company = :company, title = :title, industry = :industry, city = :city, state = :state,
                    country = :country, employee_count = :employee_count, annual_revenue = :annual_revenue,
                    grade = :grade, grade_reasons = :grade_reasons, source = :source, status = :status, notes = :notes,
                    search_text = :search_text, updated_at = :updated_at
                where id = :id
                """;

        private final NamedParameterJdbcTemplate jdbc;
        private final LeadGradeService grader;
        private final LeadValidator validator;
        private final Clock clock;
        private final Optional<ImportEnrollment> enrollment;

        Factory(NamedParameterJdbcTemplate jdbc, LeadGradeService grader, LeadValidator validator, Clock clock,
                Optional<ImportEnrollment> enrollment) {
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

        /** The leads whose {@code column} (email_normalized or linkedin_id, each with its unique index) is one of the keys. */
        List<Lead> findBy(String column, List<String> keys) {
            if (keys.isEmpty()) {
                return List.of();
            }
            return jdbc.query("select * from lead where " + column + " in (:keys)", Map.of("keys", keys), Lead::fromRow);
        }

        /** Writes the existing leads the import changed, in one JDBC batch. */
        void updateAll(java.util.Collection<Lead> leads) {
            if (leads.isEmpty()) {
                return;
            }
            jdbc.batchUpdate(UPDATE, leads.stream().map(lead -> typed(lead).addValue("id", lead.getId()))
                    .toArray(MapSqlParameterSource[]::new));
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
