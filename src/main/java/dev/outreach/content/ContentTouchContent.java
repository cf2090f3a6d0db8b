package dev.outreach.content;

import dev.outreach.cadence.TouchContent;
import dev.outreach.content.DraftResult.Drafted;
import dev.outreach.content.DraftResult.Skipped;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadService;
import dev.outreach.shared.ChannelType;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The sequencer tick's writer: replaces the cadence module's placeholder. A touch is written
 * for email (the first channel of the default sequence; the outbox message's text serves the
 * fallback channels too); its message type follows the touch: the first is {@code initial},
 * the last of {@code max_sequence_steps} is {@code final}, the ones between {@code follow_up}.
 */
@Component
class ContentTouchContent implements TouchContent {

    private final ContentService content;
    private final LeadService leads;
    private final EnrollmentContentState enrollments;

    ContentTouchContent(ContentService content, LeadService leads, EnrollmentContentState enrollments) {
        this.content = content;
        this.leads = leads;
        this.enrollments = enrollments;
    }

    @Override
    public Draft draft(long leadId, int touch, int cycle) {
        Optional<LeadDetails> lead = leads.find(leadId);
        if (lead.isEmpty()) {
            return Draft.skip("Lead " + leadId + " no longer exists");
        }
        int last = enrollments.maxSequenceSteps() - 1;
        String type = touch == 0 ? "initial" : touch >= last ? "final" : "follow_up";
        Long enrollmentId = enrollments.enrollmentOf(leadId, cycle).orElse(null);
        DraftResult result = content.draft(new DraftRequest(enrollmentId, lead.get(), ChannelType.EMAIL, type, touch + 1, cycle));
        return switch (result) {
            case Drafted drafted -> Draft.of(drafted.message().subject(), drafted.message().textBody(), type);
            case Skipped skipped -> Draft.skip(skipped.reason());
        };
    }
}
