package dev.outreach.content;

import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.channel.ChannelConfigService;
import dev.outreach.content.DraftResult.Drafted;
import dev.outreach.content.DraftResult.Skipped;
import dev.outreach.content.DraftResult.Source;
import dev.outreach.lead.LeadDraft;
import dev.outreach.shared.ChannelType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a touch's message: picks the cycle's angle (never one the lead has seen), then lets the
 * LLM writer write it when one is configured, else renders the template for the channel,
 * message type and angle. A failed generation falls back to the template and counts on the
 * enrollment; the failure that reaches the engine's {@code max_generation_failures} skips the
 * touch instead. The angles seen and the failures are the content module's own memory per
 * enrollment ({@link EnrollmentContentStore}).
 */
@Service
@PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
public class ContentService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ContentService.class);

    private final TemplateStore templates;
    /** Each channel's configuration names the template per message type ({@code channel_config.templates}). */
    private final ChannelConfigService channels;
    private final TemplateService templateService;
    private final EnrollmentContentStore enrollments;
    private final EngineSettingsService engine;
    private final LlmWriter writer;
    private final ContentProperties properties;

    ContentService(TemplateStore templates, TemplateService templateService, EnrollmentContentStore enrollments,
            EngineSettingsService engine, LlmWriter writer, ContentProperties properties, ChannelConfigService channels) {
        this.templates = templates;
        this.channels = channels;
        this.templateService = templateService;
        this.enrollments = enrollments;
        this.engine = engine;
        this.writer = writer;
        this.properties = properties;
    }

    /** Whether touches are written by the LLM (a remote call that may take its whole timeout) rather than from templates. */
    public boolean writesWithLlm() {
        return writer.enabled();
    }

    /**
     * The message for one touch, or why it must be skipped. Runs in the caller's transaction when
     * there is one, so the angle remembered and the failure counted commit with the message the
     * caller writes; it opens none itself, so that waiting for the LLM writer holds no connection
     * and no lock. Never call it with the LLM on while holding locks others wait for.
     */
    public DraftResult draft(DraftRequest request) {
        AnglesUsed used = request.enrollmentId() == null ? AnglesUsed.parse("") : enrollments.anglesUsed(request.enrollmentId());
        Map<Long, AnglesUsed> seen = new HashMap<>();
        DraftResult result = draft(request, used, new TemplateChoice(), writer.enabled(), true, seen);
        enrollments.saveAnglesUsed(seen);
        return result;
    }

    /**
     * The messages for many touches from the templates alone (never the LLM), in the order of
     * {@code requests}, with the rules of {@link #draft}: what the sequencer tick's batch writes.
     * Reads and writes the angles seen once for all of them. Text only: the messages have no HTML
     * part (the outbox stores the text).
     */
    @Transactional
    public List<DraftResult> draftFromTemplates(List<DraftRequest> requests) {
        // the introduction (cycle 0) needs no memory of angles
        Map<Long, AnglesUsed> stored = enrollments.anglesUsed(requests.stream()
                .filter(request -> request.enrollmentId() != null && request.cycle() > 0)
                .map(DraftRequest::enrollmentId).distinct().toList());
        Map<Long, AnglesUsed> seen = new HashMap<>();
        TemplateChoice choice = new TemplateChoice();
        List<DraftResult> results = new ArrayList<>(requests.size());
        for (DraftRequest request : requests) {
            AnglesUsed used = request.enrollmentId() == null ? AnglesUsed.parse("")
                    : seen.getOrDefault(request.enrollmentId(), stored.getOrDefault(request.enrollmentId(), AnglesUsed.parse("")));
            results.add(draft(request, used, choice, false, false, seen));
        }
        enrollments.saveAnglesUsed(seen);
        return results;
    }

    /** One touch; an angle chosen for the first time is put in {@code seen} for the caller to store. */
    private DraftResult draft(DraftRequest request, AnglesUsed used, TemplateChoice choice, boolean llm, boolean withHtml,
            Map<Long, AnglesUsed> seen) {
        String messageType = MessageTypes.canonical(request.channel(), request.messageType());
        Optional<Angle> chosen = AngleRotation.angleFor(request.cycle(), used);
        if (chosen.isEmpty()) {
            return new Skipped("Every angle was used in earlier cycles (" + used.format() + "); none is repeated");
        }
        Angle angle = chosen.get();
        Optional<MessageTemplate> template = choice.of(request.channel(), messageType, angle);
        if (template.isEmpty()) {
            return new Skipped("No " + request.channel().label() + " template for message type " + messageType);
        }
        LeadDraft lead = request.lead().fields();
        Optional<String> fallbackReason = Optional.empty();
        if (llm) {
            try {
                RenderedMessage written = generated(request, messageType, angle, template.get(), lead);
                remember(request, used, angle, seen);
                return new Drafted(written, angle, Source.LLM, template.get().name(), Optional.empty());
            } catch (LlmWriter.GenerationFailedException failed) {
                if (request.enrollmentId() != null) {
                    int failures = enrollments.countGenerationFailure(request.enrollmentId(), request.cycle());
                    int max = engine.settings().maxGenerationFailures();
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
                lead, angle, withHtml && request.channel() == ChannelType.EMAIL);
        remember(request, used, angle, seen);
        return new Drafted(rendered, angle, Source.TEMPLATE, chosenTemplate.name(), fallbackReason);
    }

    /**
     * The template for a channel, message type and angle, looked up once per call: the channel's
     * configuration names the template for the message type; the angle's variant is of that one's type.
     */
    private final class TemplateChoice {

        private final Map<ChannelType, Map<String, String>> named = new EnumMap<>(ChannelType.class);
        private final Map<String, Optional<MessageTemplate>> chosen = new HashMap<>();

        Optional<MessageTemplate> of(ChannelType channel, String messageType, Angle angle) {
            return chosen.computeIfAbsent(channel + "/" + messageType + "/" + angle.code(),
                    key -> templates.find(channel, family(channel, messageType), angle));
        }

        private String family(ChannelType channel, String messageType) {
            String name = named.computeIfAbsent(channel, c -> channels.get(c).templates()).get(messageType);
            if (name == null || name.isBlank()) {
                return messageType;
            }
            Optional<MessageTemplate> byName = templates.findByName(name.strip()).filter(found -> found.channel() == channel);
            if (byName.isPresent()) {
                return byName.get().messageType();
            }
            // the configuration refuses such names; a touch is not lost for one that slipped in another way
            log.warn("The {} channel names template '{}' for {}, which no {} template has; using the {} template",
                    channel.label(), name.strip(), messageType, channel.label(), messageType);
            return messageType;
        }
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

    private static void remember(DraftRequest request, AnglesUsed used, Angle angle, Map<Long, AnglesUsed> seen) {
        if (request.enrollmentId() != null && angle != Angle.INTRODUCTION && used.inCycle(request.cycle()).isEmpty()) {
            seen.put(request.enrollmentId(), used.with(request.cycle(), angle));
        }
    }
}
