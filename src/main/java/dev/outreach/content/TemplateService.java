package dev.outreach.content;

import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The only door to message templates: everyone signed in reads them, admins edit them. An edit
 * is validated (syntax with the line, email subject, LinkedIn's 300-character connection note
 * rendered on a sample lead) and written to the audit log with the text before and after.
 */
@Service
@PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
public class TemplateService {

    /** LinkedIn refuses longer connection-request notes. */
    public static final int LINKEDIN_NOTE_LIMIT = 300;
    static final int SUBJECT_LIMIT = 200;
    static final int BODY_LIMIT = 10_000;
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final java.util.regex.Pattern MESSAGE_TYPE = java.util.regex.Pattern.compile("[a-z][a-z_]{0,29}");

    private final TemplateStore store;
    private final TemplateRenderer renderer;
    private final ContentProperties properties;
    private final LeadService leads;
    private final AuditLog auditLog;
    private final JsonMapper json;
    private final Clock clock;

    TemplateService(TemplateStore store, TemplateRenderer renderer, ContentProperties properties, LeadService leads,
            AuditLog auditLog, JsonMapper json, Clock clock) {
        this.store = store;
        this.renderer = renderer;
        this.properties = properties;
        this.leads = leads;
        this.auditLog = auditLog;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<MessageTemplate> findAll() {
        return store.findAll();
    }

    @Transactional(readOnly = true)
    public Optional<MessageTemplate> find(long id) {
        return store.find(id);
    }

    /** Saves new text for a template; bad text is an {@link InvalidInputException} naming subject or body, and nothing changes. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public MessageTemplate update(long id, String subject, String body) {
        MessageTemplate before = store.lockForUpdate(id)
                .orElseThrow(() -> new InvalidInputException("template", "Template " + id + " does not exist"));
        String cleanSubject = subject == null || subject.isBlank() ? null : subject.strip();
        String cleanBody = body == null ? "" : body.strip();
        validate(before, cleanSubject, cleanBody);
        store.update(id, cleanSubject, cleanBody, clock.instant(), AuditLog.currentActor());
        MessageTemplate after = store.find(id).orElseThrow();
        auditLog.record("message-template.update", "message_template", id, describe(before), describe(after));
        return after;
    }

    /**
     * Creates a template; a bad or taken name, a message type or angle another template of the
     * channel already covers, or bad text is an {@link InvalidInputException} naming the field.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public MessageTemplate create(NewTemplate draft) {
        String name = draft.name() == null ? "" : draft.name().strip();
        String subject = draft.subject() == null || draft.subject().isBlank() ? null : draft.subject().strip();
        String body = draft.body() == null ? "" : draft.body().strip();
        List<FieldError> errors = new ArrayList<>(newTemplateErrors(draft, name));
        if (draft.channel() != null) {
            errors.addAll(textErrors(draft.channel(), draft.messageType(), draft.angle(), subject, body));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        NewTemplate clean = new NewTemplate(name, draft.channel(), draft.messageType(), draft.angle(), subject, body);
        // Two admins creating the same key at once could both pass the check for a null angle (PostgreSQL's unique
        // constraint treats nulls as distinct); creating templates is rare and admin-only, so the check is enough.
        store.insert(clean, MessageTypes.canonical(draft.channel(), draft.messageType()), clock.instant(), AuditLog.currentActor());
        MessageTemplate created = store.findByName(name).orElseThrow();
        auditLog.record("message-template.create", "message_template", created.id(), null, describe(created));
        return created;
    }

    private List<FieldError> newTemplateErrors(NewTemplate draft, String name) {
        List<FieldError> errors = new ArrayList<>();
        if (!NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "Use 1 to 100 lowercase letters, digits and hyphens, such as email-spring-offer"));
        } else if (store.findByName(name).isPresent()) {
            errors.add(new FieldError("name", "A template named '" + name + "' already exists"));
        }
        if (draft.channel() == null) {
            errors.add(new FieldError("channel", "Choose a channel"));
        }
        String type = draft.messageType() == null ? "" : draft.messageType().strip();
        if (!MESSAGE_TYPE.matcher(type).matches()) {
            errors.add(new FieldError("messageType", "Use 1 to 30 lowercase letters and underscores, such as follow_up"));
        }
        if (draft.angle() == Angle.INTRODUCTION) {
            errors.add(new FieldError("angle", "The introduction is the first contact: leave the angle empty for it"));
        }
        if (draft.channel() != null && errors.isEmpty()) {
            store.findExactly(draft.channel(), MessageTypes.canonical(draft.channel(), type), draft.angle())
                    .ifPresent(taken -> errors.add(new FieldError("messageType", "The template " + taken.name()
                            + " is already the " + taken.label() + (taken.angle().isEmpty() ? " (any angle)" : "")
                            + " template")));
        }
        return errors;
    }

    /** The message as {@code leadId} would get it, from text that may not be saved yet, with warnings about variables; syntax errors name the field and line. */
    @Transactional(readOnly = true)
    public TemplatePreview preview(MessageTemplate template, String subject, String body, long leadId) {
        LeadDraft lead = leads.find(leadId).orElseThrow(() -> new InvalidInputException("lead", "Lead " + leadId + " does not exist"))
                .fields();
        Angle angle = template.angle().orElse(Angle.INTRODUCTION);
        RenderedMessage message = render(template.channel(), subject, body, lead, angle);
        Map<String, String> values = MessageVariables.of(lead, properties.senderName(), properties.unsubscribeText(), angle);
        java.util.Set<String> used = new java.util.LinkedHashSet<>(renderer.variables("subject", subject));
        used.addAll(renderer.variables("body", body));
        List<String> warnings = new ArrayList<>();
        used.stream().filter(name -> !MessageVariables.NAMES.contains(name))
                .forEach(name -> warnings.add("{{" + name + "}} is not a variable: it renders as nothing"));
        used.stream().filter(name -> MessageVariables.NAMES.contains(name) && !values.containsKey(name))
                .forEach(name -> warnings.add("{{" + name + "}} is empty for this lead: it renders as nothing"));
        return new TemplatePreview(message, List.copyOf(warnings));
    }

    RenderedMessage render(ChannelType channel, String subject, String body, LeadDraft lead, Angle angle) {
        return render(channel, subject, body, lead, angle, channel == ChannelType.EMAIL);
    }

    /** {@code withHtml} false: the text only (no HTML part), for messages stored as text. */
    RenderedMessage render(ChannelType channel, String subject, String body, LeadDraft lead, Angle angle, boolean withHtml) {
        Map<String, String> values = MessageVariables.of(lead, properties.senderName(), properties.unsubscribeText(), angle);
        List<FieldError> errors = new ArrayList<>();
        String renderedSubject = attempt(errors, () -> renderer.renderText("subject", subject, values).strip());
        String text = attempt(errors, () -> renderer.renderText("body", body, values).strip());
        String html = withHtml ? attempt(errors, () -> renderer.renderHtml("body", body, values).strip()) : null;
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new RenderedMessage(renderedSubject, text, html);
    }

    private void validate(MessageTemplate template, String subject, String body) {
        List<FieldError> errors = textErrors(template.channel(), template.messageType(), template.angle().orElse(null), subject, body);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** Subject and body of a template of {@code channel}: lengths, syntax, variables, LinkedIn's note limit on a sample lead. */
    private List<FieldError> textErrors(ChannelType channel, String messageType, Angle angle, String subject,
            String body) {
        List<FieldError> errors = new ArrayList<>();
        if (channel == ChannelType.EMAIL && subject == null) {
            errors.add(new FieldError("subject", "An email needs a subject"));
        } else if (subject != null && subject.length() > SUBJECT_LIMIT) {
            errors.add(new FieldError("subject", "At most " + SUBJECT_LIMIT + " characters (" + subject.length() + ")"));
        } else if (subject != null && subject.contains("\n")) {
            errors.add(new FieldError("subject", "A subject is one line"));
        }
        if (body.isEmpty()) {
            errors.add(new FieldError("body", "Write the message"));
        } else if (body.length() > BODY_LIMIT) {
            errors.add(new FieldError("body", "At most " + BODY_LIMIT + " characters (" + body.length() + ")"));
        }
        if (errors.isEmpty()) {
            try {
                RenderedMessage sample = render(channel, subject, body, MessageVariables.sampleLead(),
                        angle == null ? Angle.INTRODUCTION : angle);
                if (isConnectionNote(channel, messageType) && sample.textBody().length() > LINKEDIN_NOTE_LIMIT) {
                    errors.add(new FieldError("body", "The connection note is " + sample.textBody().length()
                            + " characters on a sample lead; LinkedIn allows " + LINKEDIN_NOTE_LIMIT));
                }
                unknownVariable("subject", subject).ifPresent(errors::add);
                unknownVariable("body", body).ifPresent(errors::add);
            } catch (InvalidInputException invalid) {
                errors.addAll(invalid.errors());
            }
        }
        return errors;
    }

    /** A misspelt variable would reach every lead as nothing: refused on save, naming it. */
    private Optional<FieldError> unknownVariable(String field, String text) {
        List<String> unknown = renderer.variables(field, text).stream()
                .filter(name -> !MessageVariables.NAMES.contains(name)).map(name -> "{{" + name + "}}").toList();
        return unknown.isEmpty() ? Optional.empty() : Optional.of(new FieldError(field, String.join(", ", unknown)
                + (unknown.size() == 1 ? " is not a variable" : " are not variables") + "; the variables are "
                + String.join(", ", MessageVariables.NAMES)));
    }

    static boolean isConnectionNote(MessageTemplate template) {
        return isConnectionNote(template.channel(), template.messageType());
    }

    private static boolean isConnectionNote(ChannelType channel, String messageType) {
        return channel == ChannelType.LINKEDIN && messageType != null
                && MessageTypes.canonical(channel, messageType).equals("connection_request");
    }

    private static String attempt(List<FieldError> errors, java.util.function.Supplier<String> rendering) {
        try {
            return rendering.get();
        } catch (InvalidInputException invalid) {
            invalid.errors().stream().filter(error -> !errors.contains(error)).forEach(errors::add);
            return null;
        }
    }

    private String describe(MessageTemplate template) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", template.name());
        values.put("subject", template.subject());
        values.put("body", template.body());
        return json.writeValueAsString(values);
    }
}
