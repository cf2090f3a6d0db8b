package dev.outreach.campaign;

import dev.outreach.channel.TemplateNames;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads channel-fallback sequences for the sequencer and the views. */
@Service
public class SequenceService {

    static final int MAX_RETRIES = 10;
    static final int MAX_DELAY_HOURS = 720;

    private final JdbcClient jdbc;
    private final AuditLog auditLog;
    private final Clock clock;
    private final ObjectProvider<TemplateNames> templateNames;

    SequenceService(JdbcClient jdbc, AuditLog auditLog, Clock clock, ObjectProvider<TemplateNames> templateNames) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
        this.clock = clock;
        this.templateNames = templateNames;
    }

    /** The message templates a step on {@code channel} may use (empty when the content module is absent). */
    @PreAuthorize("isAuthenticated()")
    public List<String> templatesFor(ChannelType channel) {
        TemplateNames names = templateNames.getIfAvailable();
        return names == null ? List.of() : names.names(channel);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<SequenceConfig> findAll() {
        return jdbc.sql("select id from sequence_config order by name").query(Long.class).list().stream()
                .map(id -> find(id).orElseThrow()).toList();
    }

    /**
     * Creates ({@code id} null) or replaces a sequence with its steps, renumbered 1..n in the
     * given order. Refuses an empty sequence, a channel twice, a message template that is not
     * one of the step's channel, and retries or delays out of range, naming the step; nothing
     * changes then.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public SequenceConfig save(Long id, String name, List<SequenceConfig.Step> steps) {
        String trimmed = name == null ? "" : name.strip();
        List<FieldError> errors = validate(id, trimmed, steps);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Timestamp now = Timestamp.from(clock.instant());
        String before = id == null ? null : find(id).map(SequenceService::describe).orElse(null);
        long sequenceId = id != null ? id : insert(trimmed, now);
        jdbc.sql("update sequence_config set name = :name, updated_at = :now where id = :id")
                .param("name", trimmed).param("now", now).param("id", sequenceId).update();
        jdbc.sql("delete from sequence_step where sequence_id = :id").param("id", sequenceId).update();
        for (int i = 0; i < steps.size(); i++) {
            SequenceConfig.Step step = steps.get(i);
            jdbc.sql("""
                    insert into sequence_step (sequence_id, step_order, channel, message_template, max_retries, retry_delay_hours)
                    values (:id, :order, :channel, :template, :retries, :delay)
                    """).param("id", sequenceId).param("order", i + 1).param("channel", step.channel().name())
                    .param("template", step.messageTemplate().strip()).param("retries", step.maxRetries())
                    .param("delay", step.retryDelayHours()).update();
        }
        SequenceConfig saved = find(sequenceId).orElseThrow();
        auditLog.record(id == null ? "sequence.create" : "sequence.update", "sequence_config", sequenceId, before,
                describe(saved));
        return saved;
    }

    private long insert(String name, Timestamp now) {
        jdbc.sql("insert into sequence_config (name, is_default, created_at, updated_at) values (:name, false, :now, :now)")
                .param("name", name).param("now", now).update();
        return jdbc.sql("select id from sequence_config where name = :name").param("name", name).query(Long.class).single();
    }

    private List<FieldError> validate(Long id, String name, List<SequenceConfig.Step> steps) {
        List<FieldError> errors = new ArrayList<>();
        if (id != null && find(id).isEmpty()) {
            errors.add(new FieldError("sequence", "No sequence with id " + id + " (deleted meanwhile?)"));
            return errors;
        }
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new FieldError("name", "Give a name of 1 to 100 characters"));
        } else {
            jdbc.sql("select id from sequence_config where lower(name) = lower(:name)").param("name", name)
                    .query(Long.class).optional().filter(other -> !other.equals(id))
                    .ifPresent(other -> errors.add(new FieldError("name", "A sequence named '" + name + "' already exists")));
        }
        if (steps == null || steps.isEmpty()) {
            errors.add(new FieldError("steps", "A sequence needs at least one step"));
            return errors;
        }
        Set<ChannelType> seen = EnumSet.noneOf(ChannelType.class);
        for (int i = 0; i < steps.size(); i++) {
            SequenceConfig.Step step = steps.get(i);
            String where = "Step " + (i + 1) + ": ";
            boolean channelChosen = step.channel() != null && seen.add(step.channel());
            if (step.channel() == null) {
                errors.add(new FieldError("steps", where + "choose a channel"));
            } else if (!channelChosen) {
                errors.add(new FieldError("steps", where + step.channel().label() + " is already an earlier step"));
            }
            if (step.messageTemplate() == null || step.messageTemplate().isBlank()) {
                errors.add(new FieldError("steps", where + "name the message template"));
            } else if (step.messageTemplate().strip().length() > 100) {
                errors.add(new FieldError("steps", where + "the template name has at most 100 characters"));
            } else if (channelChosen) {
                unknownTemplate(step).ifPresent(problem -> errors.add(new FieldError("steps", where + problem)));
            }
            if (step.maxRetries() < 0 || step.maxRetries() > MAX_RETRIES) {
                errors.add(new FieldError("steps", where + "retries must be 0 to " + MAX_RETRIES));
            }
            if (step.retryDelayHours() < 1 || step.retryDelayHours() > MAX_DELAY_HOURS) {
                errors.add(new FieldError("steps", where + "the retry delay must be 1 to " + MAX_DELAY_HOURS + " hours"));
            }
        }
        return errors;
    }

    /** A typo in a template name would only show when the step runs; it is refused when saved. */
    private Optional<String> unknownTemplate(SequenceConfig.Step step) {
        TemplateNames names = templateNames.getIfAvailable();
        String name = step.messageTemplate().strip();
        if (names == null || names.exists(step.channel(), name)) {
            return Optional.empty();
        }
        List<String> known = names.names(step.channel());
        return Optional.of("the message template '" + name + "' is not one of the " + step.channel().label() + " templates"
                + (known.isEmpty() ? " (there are none yet)" : " (choose one of: " + String.join(", ", known) + ")"));
    }

    private static String describe(SequenceConfig plan) {
        return plan.name() + ": " + plan.steps().stream()
                .map(s -> s.order() + "." + s.channel() + "(" + s.messageTemplate() + ", retries " + s.maxRetries()
                        + ", delay " + s.retryDelayHours() + "h)")
                .collect(java.util.stream.Collectors.joining(" -> "));
    }

    /** The sequence marked default ("Email -> LinkedIn -> Form" on a new installation). */
    @Transactional(readOnly = true)
    public SequenceConfig defaultSequence() {
        Long id = jdbc.sql("select id from sequence_config where is_default order by id fetch first 1 rows only")
                .query(Long.class).optional()
                .orElseThrow(() -> new InvalidInputException("sequence", "No default sequence is configured"));
        return find(id).orElseThrow();
    }

    /** The sequence a campaign follows, or the default one. */
    @Transactional(readOnly = true)
    public SequenceConfig forCampaign(Long campaignId) {
        if (campaignId == null) {
            return defaultSequence();
        }
        return jdbc.sql("select sequence_id from campaign where id = :id").param("id", campaignId)
                .query(Long.class).optional().flatMap(this::find).orElseGet(this::defaultSequence);
    }

    @Transactional(readOnly = true)
    public Optional<SequenceConfig> find(long id) {
        Optional<String> name = jdbc.sql("select name from sequence_config where id = :id").param("id", id)
                .query(String.class).optional();
        return name.map(n -> new SequenceConfig(id, n, steps(id)));
    }

    private List<SequenceConfig.Step> steps(long sequenceId) {
        return jdbc.sql("""
                select step_order, channel, message_template, max_retries, retry_delay_hours
                from sequence_step where sequence_id = :id order by step_order
                """).param("id", sequenceId)
                .query((rs, n) -> new SequenceConfig.Step(rs.getInt(1), ChannelType.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getInt(4), rs.getInt(5)))
                .list();
    }
}
