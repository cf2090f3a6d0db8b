package dev.outreach.content;

import dev.outreach.channel.ChannelConfigService;
import dev.outreach.content.DraftResult.Drafted;
import dev.outreach.content.DraftResult.Skipped;
import dev.outreach.content.DraftResult.Source;
import dev.outreach.lead.LeadDraft;
import dev.outreach.shared.ChannelType;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a touch's message: picks the cycle's angle (never one the lead has seen), then lets the
 * LLM writer write it when one is configured, else renders the template for the channel,
 * message type and angle. A failed generation falls back to the template and counts on the
 * enrollment; the failure that reaches the engine's {@code max_generation_failures} skips the
 * touch instead.
 */
@Service
@PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
public class ContentService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ContentService.class);

    private final TemplateStore templates;
    /** Each channel's configuration names the template per message type ({@code channel_config.templates}). */
    private final ChannelConfigService channels;
    private final TemplateService templateService;
    private final EnrollmentContentState enrollments;
    private final LlmWriter writer;
    private final ContentProperties properties;

    ContentService(TemplateStore templates, TemplateService templateService, EnrollmentContentState enrollments,
            LlmWriter writer, ContentProperties properties, ChannelConfigService channels) {
        this.templates = templates;
        this.channels = channels;
        this.templateService = templateService;
        this.enrollments = enrollments;
        this.writer = writer;
        this.properties = properties;
    }

    /**
     * The message for one touch, or why it must be skipped. Runs in the caller's transaction, so
     * the angle remembered and the failure counted commit with the message the caller writes.
     */
    @Transactional
    public DraftResult draft(DraftRequest request) {
        String messageType = MessageTypes.canonical(request.channel(), request.messageType());
        AnglesUsed used = request.enrollmentId() == null ? AnglesUsed.parse("") : enrollments.anglesUsed(request.enrollmentId());
        Optional<Angle> chosen = AngleRotation.angleFor(request.cycle(), used);
        if (chosen.isEmpty()) {
            return new Skipped("Every angle was used in earlier cycles (" + used.format() + "); none is repeated");
        }
        Angle angle = chosen.get();
        // the channel's configuration names the template for the message type; the angle's variant is of that one's type
        String family = messageType;
        String named = channels.get(request.channel()).templates().get(messageType);
        if (named != null && !named.isBlank()) {
            Optional<MessageTemplate> byName = templates.findByName(named.strip())
                    .filter(found -> found.channel() == request.channel());
            if (byName.isPresent()) {
                family = byName.get().messageType();
            } else {
                // the configuration refuses such names; a touch is not lost for one that slipped in another way
                log.warn("The {} channel names template '{}' for {}, which no {} template has; using the {} template",
                        request.channel().label(), named.strip(), messageType, request.channel().label(), messageType);
            }
        }
        Optional<MessageTemplate> template = templates.find(request.channel(), family, angle);
        if (template.isEmpty()) {
            return new Skipped("No " + request.channel().label() + " template for message type " + messageType);
        }
        LeadDraft lead = request.lead().fields();
        Optional<String> fallbackReason = Optional.empty();
        if (writer.enabled()) {
            try {
                RenderedMessage written = generated(request, messageType, angle, template.get(), lead);
                remember(request, used, angle);
                return new Drafted(written, angle, Source.LLM, template.get().name(), Optional.empty());
            } catch (LlmWriter.GenerationFailedException failed) {
                if (request.enrollmentId() != null) {
                    int failures = enrollments.countGenerationFailure(request.enrollmentId());
                    int max = enrollments.maxGenerationFailures();
                    if (failures >= max) {
                        return new Skipped("Message generation failed " + failures + " times (max_generation_failures "
                                + max + "): " + failed.getMessage());
                    }
                }
                fallbackReason = Optional.of(failed.getMessage());
            }
        }
        MessageTemplate chosenTemplate = template.get();
        RenderedMessage rendered = templateService.render(request.channel(), chosenTemplate.subject(), chosenTemplate.body(),
                lead, angle);
        remember(request, used, angle);
        return new Drafted(rendered, angle, Source.TEMPLATE, chosenTemplate.name(), fallbackReason);
    }

    private RenderedMessage generated(DraftRequest request, String messageType, Angle angle, MessageTemplate template,
            LeadDraft lead) {
        WritingPrompt prompt = WritingPrompt.of(lead, request.channel(), messageType, request.touch(), request.cycle(), angle,
                properties.senderName());
        String answer = writer.write(prompt);
        String subject = "";
        String body = answer;
        if (request.channel() == ChannelType.EMAIL) {
            int newline = answer.indexOf('\n');
            String first = (newline < 0 ? answer : answer.substring(0, newline)).strip();
            if (first.regionMatches(true, 0, "Subject:", 0, 8)) {
                subject = first.substring(8).strip();
                body = newline < 0 ? "" : answer.substring(newline + 1).strip();
            }
            if (subject.isEmpty()) {
                subject = templateService.render(request.channel(), template.subject(), "-", lead, angle).subject();
            }
            if (body.isEmpty()) {
                throw new LlmWriter.GenerationFailedException("LLM returned a subject without a message");
            }
            body = body + "\n\n" + properties.unsubscribeText();
        }
        if (TemplateService.isConnectionNote(template) && body.length() > TemplateService.LINKEDIN_NOTE_LIMIT) {
            throw new LlmWriter.GenerationFailedException("LLM wrote a " + body.length() + "-character connection note; LinkedIn allows "
                    + TemplateService.LINKEDIN_NOTE_LIMIT);
        }
        String html = request.channel() == ChannelType.EMAIL ? TemplateRenderer.textAsHtml(body) : null;
        return new RenderedMessage(subject, body, html);
    }

    private void remember(DraftRequest request, AnglesUsed used, Angle angle) {
        if (request.enrollmentId() != null && angle != Angle.INTRODUCTION && used.inCycle(request.cycle()).isEmpty()) {
            enrollments.saveAnglesUsed(request.enrollmentId(), used.with(request.cycle(), angle));
        }
    }
}
