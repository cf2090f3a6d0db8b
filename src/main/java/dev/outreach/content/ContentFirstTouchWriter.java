package dev.outreach.content;

import dev.outreach.channel.Delivery;
import dev.outreach.channel.FirstTouchWriter;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.InvalidInputException;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Writes a channel's first touch from its template for "initial" (the introduction), for a lead or the sample lead. */
@Component
class ContentFirstTouchWriter implements FirstTouchWriter {

    private final TemplateStore store;
    private final TemplateService templates;
    private final LeadService leads;

    ContentFirstTouchWriter(TemplateStore store, TemplateService templates, LeadService leads) {
        this.store = store;
        this.templates = templates;
        this.leads = leads;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Written> write(ChannelType channel, OptionalLong leadId) {
        LeadDraft values;
        String writtenFor;
        if (leadId.isPresent()) {
            LeadDetails lead = leads.find(leadId.getAsLong()).orElseThrow(() -> new InvalidInputException("leadId",
                    "No lead with id " + leadId.getAsLong()));
            values = lead.fields();
            writtenFor = "lead #" + lead.id() + " (" + lead.displayName() + ")";
        } else {
            values = MessageVariables.sampleLead();
            writtenFor = "a sample lead (" + values.getFirstName() + " " + values.getLastName() + ")";
        }
        return store.find(channel, MessageTypes.canonical(channel, "initial"), Angle.INTRODUCTION)
                .map(template -> templates.render(channel, template.subject(), template.body(), values,
                        Angle.INTRODUCTION))
                .map(message -> new Written(new Delivery.Content(message.subject(), message.textBody(), null),
                        writtenFor));
    }
}
