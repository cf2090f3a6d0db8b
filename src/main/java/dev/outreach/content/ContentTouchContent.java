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

    ContentTouchContent(ContentService content, LeadService leads, EngineSettingsService engine) {
        this.content = content;
        this.leads = leads;
        this.engine = engine;
    }

    @Override
    public Draft draft(DueTouch touch) {
        String type = messageType(touch, engine.settings().maxSequenceSteps());
        return leads.find(touch.leadId())
                .map(lead -> draft(content.draft(request(touch, lead, type)), type))
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
                requests.add(request(touch, lead, messageType(touch, maxSteps)));
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

    private static String messageType(DueTouch touch, int maxSteps) {
        return touch.touch() == 0 ? "initial" : touch.touch() >= maxSteps - 1 ? "final" : "follow_up";
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
