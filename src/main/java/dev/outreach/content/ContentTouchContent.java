package dev.outreach.content;

import dev.outreach.cadence.TouchContent;
import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.content.DraftResult.Drafted;
import dev.outreach.content.DraftResult.Skipped;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadService;
import dev.outreach.shared.ChannelType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The sequencer tick's writer: replaces the cadence module's placeholder. A touch is written
 * for email (the first channel of the default sequence; the outbox message's text serves the
 * fallback channels too) with the angles of the touch's own enrollment; its message type follows
 * the touch: the first is {@code initial}, the last of {@code max_sequence_steps} is
 * {@code final}, the ones between {@code follow_up}. Templates are rendered inside the tick's
 * batch, a whole batch at once; with the LLM writer on, every touch is written after the batch
 * ({@link Draft#later}), so that no HTTP call is made while the batch holds its enrollments.
 */
@Component
class ContentTouchContent implements TouchContent {

    private final ContentService content;
    private final LeadService leads;
    private final EngineSettingsService engine;
    private final TemplateStore templates;

    ContentTouchContent(ContentService content, LeadService leads, EngineSettingsService engine, TemplateStore templates) {
        this.templates = templates;
        this.content = content;
        this.leads = leads;
        this.engine = engine;
    }

    @Override
    public Draft draft(DueTouch touch) {
        String type = messageType(touch, engine.settings().maxSequenceSteps());
        return leads.find(touch.leadId())
                .map(lead -> draft(content.draft(request(touch, lead, templateType(touch, engine.settings().maxSequenceSteps()))), type))
                .orElseGet(() -> gone(touch));
    }

    @Override
    public List<Draft> draftAll(List<DueTouch> touches) {
        int maxSteps = engine.settings().maxSequenceSteps();
        if (content.writesWithLlm()) {
            return touches.stream().map(touch -> Draft.later(messageType(touch, maxSteps))).toList();
        }
        Map<Long, LeadDetails> found = leads.findAll(touches.stream().map(DueTouch::leadId).distinct().toList());
        List<DraftRequest> requests = new ArrayList<>(touches.size());
        for (DueTouch touch : touches) {
            LeadDetails lead = found.get(touch.leadId());
            if (lead != null) {
                requests.add(request(touch, lead, templateType(touch, maxSteps)));
            }
        }
        var results = content.draftFromTemplates(requests).iterator();
        List<Draft> drafts = new ArrayList<>(touches.size());
        for (DueTouch touch : touches) {
            drafts.add(found.containsKey(touch.leadId()) ? draft(results.next(), messageType(touch, maxSteps)) : gone(touch));
        }
        return drafts;
    }

    private static DraftRequest request(DueTouch touch, LeadDetails lead, String type) {
        return new DraftRequest(touch.enrollmentId(), lead, ChannelType.EMAIL, type, touch.touch() + 1, touch.cycle());
    }

    /** The campaign plan's type; without a plan, by position among {@code max_sequence_steps} touches. */
    private static String messageType(DueTouch touch, int maxSteps) {
        if (touch.messageType() != null) {
            return touch.messageType();
        }
        return touch.touch() == 0 ? "initial" : touch.touch() >= maxSteps - 1 ? "final" : "follow_up";
    }

    /**
     * The type whose template is written: the plan's email template's own type when it names one
     * (so a custom touch type can use any email template), else the touch's message type.
     */
    private String templateType(DueTouch touch, int maxSteps) {
        if (touch.emailTemplate() != null) {
            var named = templates.findByName(touch.emailTemplate().strip());
            if (named.isPresent() && named.get().channel() == ChannelType.EMAIL) {
                return named.get().messageType();
            }
        }
        return messageType(touch, maxSteps);
    }

    private static Draft draft(DraftResult result, String type) {
        return switch (result) {
            case Drafted drafted -> Draft.of(drafted.message().subject(), drafted.message().textBody(), type);
            case Skipped skipped -> Draft.skip(skipped.reason());
        };
    }

    private static Draft gone(DueTouch touch) {
        return Draft.skip("Lead " + touch.leadId() + " no longer exists");
    }
}
