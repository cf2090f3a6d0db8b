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

    /** The message as {@code leadId} would get it, from text that may not be saved yet; syntax errors name the field and line. */
    @Transactional(readOnly = true)
    public RenderedMessage preview(MessageTemplate template, String subject, String body, long leadId) {
        LeadDraft lead = leads.find(leadId).orElseThrow(() -> new InvalidInputException("lead", "Lead " + leadId + " does not exist"))
                .fields();
        return render(template.channel(), subject, body, lead, template.angle().orElse(Angle.INTRODUCTION));
    }

    RenderedMessage render(ChannelType channel, String subject, String body, LeadDraft lead, Angle angle) {
        Map<String, String> values = MessageVariables.of(lead, properties.senderName(), properties.unsubscribeText(), angle);
        List<FieldError> errors = new ArrayList<>();
        String renderedSubject = attempt(errors, () -> renderer.renderText("subject", subject, values).strip());
        String text = attempt(errors, () -> renderer.renderText("body", body, values).strip());
        String html = channel == ChannelType.EMAIL ? attempt(errors, () -> renderer.renderHtml("body", body, values).strip()) : null;
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new RenderedMessage(renderedSubject, text, html);
    }

    private void validate(MessageTemplate template, String subject, String body) {
        List<FieldError> errors = new ArrayList<>();
        if (template.channel() == ChannelType.EMAIL && subject == null) {
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
                RenderedMessage sample = render(template.channel(), subject, body, MessageVariables.sampleLead(),
                        template.angle().orElse(Angle.INTRODUCTION));
                if (isConnectionNote(template) && sample.textBody().length() > LINKEDIN_NOTE_LIMIT) {
                    errors.add(new FieldError("body", "The connection note is " + sample.textBody().length()
                            + " characters on a sample lead; LinkedIn allows " + LINKEDIN_NOTE_LIMIT));
                }
            } catch (InvalidInputException invalid) {
                errors.addAll(invalid.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    static boolean isConnectionNote(MessageTemplate template) {
        return template.channel() == ChannelType.LINKEDIN && template.messageType().equals("connection_request");
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
