package dev.outreach.inbox.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.outreach.inbox.LeadCard;
import dev.outreach.inbox.OpenReply;
import dev.outreach.inbox.ThreadEntry;
import dev.outreach.lead.LeadOutcome;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An open reply: the lead's card, then the whole thread in time order, ours and theirs, each
 * message as plain text (setText only: mail and lead values are untrusted and never reach HTML).
 */
class InboxThreadPanel extends VerticalLayout {

    final Div card = new Div();
    final Div thread = new Div();

    InboxThreadPanel(OpenReply reply) {
        setPadding(false);
        addClassName("inbox-thread-panel");
        H3 subject = new H3(reply.reply().subject().isBlank() ? "(no subject)" : reply.reply().subject());
        subject.addClassName("inbox-subject");
        card.addClassName("inbox-lead-card");
        fillCard(reply.card());
        thread.addClassName("inbox-thread");
        long opened = reply.reply().replyId();
        reply.thread().forEach(entry -> thread.add(message(entry, entry.replyId().equals(Optional.of(opened)))));
        add(subject, card, thread);
    }

    private void fillCard(LeadCard lead) {
        H4 name = new H4(lead.name());
        Div facts = new Div();
        facts.addClassName("detail-grid");
        fact(facts, "Company", lead.company().orElse(""));
        fact(facts, "Title", lead.title().orElse(""));
        fact(facts, "Email", lead.email().orElse(""));
        fact(facts, "Status", lead.status());
        fact(facts, "Outcome", lead.outcome().map(LeadOutcome::label).orElse("None yet"));
        fact(facts, "Campaigns", lead.enrollments().isEmpty() ? "None" : lead.enrollments().stream()
                .map(e -> e.campaign() + ": touch " + e.touch() + ", " + e.status()).collect(Collectors.joining("; ")));
        fact(facts, "Labels", lead.labels().isEmpty() ? "None yet"
                : lead.labels().stream().map(InboxLabels::text).collect(Collectors.joining(", ")));
        fact(facts, "Assigned to", lead.assignee().orElse("Nobody"));
        card.add(name, facts);
    }

    private static void fact(Div facts, String term, String value) {
        Span label = new Span(term);
        label.addClassName("term");
        Span text = new Span(value);
        text.addClassName("inbox-card-" + term.toLowerCase(Locale.ROOT).replace(' ', '-'));
        facts.add(label, text);
    }

    private static Component message(ThreadEntry entry, boolean opened) {
        Div message = new Div();
        message.addClassName("inbox-message");
        message.addClassName(entry.ours() ? "ours" : "theirs");
        if (opened) {
            message.addClassName("opened");
        }
        String who = entry.ours() ? "Us" + (entry.from().isBlank() ? "" : " (" + entry.from() + ")") + " via " + entry.channel()
                : (entry.status().equals("AUTO_REPLY") ? "Automatic answer from " : "Reply from ") + entry.from();
        String state = entry.ours() ? entry.status() : entry.label().map(InboxLabels::text).orElse("Not labelled yet");
        Span meta = new Span(InboxView.TIME.format(entry.at()) + " · " + who + " · " + state);
        meta.addClassName("inbox-message-meta");
        Div subject = new Div();
        subject.setText(entry.subject());
        subject.addClassName("inbox-message-subject");
        Div body = new Div();
        body.setText(entry.text());
        body.addClassName("inbox-message-text");
        message.add(meta, subject, body);
        return message;
    }
}
