package dev.outreach.outreach.ui;

import dev.outreach.lead.LeadDetails;
import dev.outreach.outreach.OutreachMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One row of the outreach history: the message and whom it went to, as the operator knows them. */
record HistoryRow(OutreachMessage message, String leadName, String company) {

    /** Pairs a page of messages with their leads, looked up once for the page; a lead gone since shows as its id. */
    static List<HistoryRow> of(List<OutreachMessage> messages, Map<Long, LeadDetails> leads) {
        return messages.stream().map(message -> {
            Optional<LeadDetails> lead = Optional.ofNullable(leads.get(message.leadId()));
            return new HistoryRow(message,
                    lead.map(LeadDetails::displayName).orElse("Lead #" + message.leadId() + " (deleted)"),
                    lead.map(found -> found.fields().getCompany()).orElse(""));
        }).toList();
    }
}
