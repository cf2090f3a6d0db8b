package dev.outreach.outreach.ui;

import dev.outreach.shared.Wording;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.outreach.lead.EmailFlagChange;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadService;
import dev.outreach.outreach.LeadReply;
import dev.outreach.outreach.MessageHistory;
import dev.outreach.outreach.OutreachService;
import dev.outreach.outreach.SequenceResult;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.FieldErrors;
import java.util.List;

/**
 * A lead's replies (and automatic answers) and outreach, newest first, each message with its
 * attempts; a warning when the lead's email channel needs an operator, with "Clear flag", and the
 * flag's history; and "Send outreach" now.
 */
class OutreachTimeline extends VerticalLayout {

    private final transient OutreachService outreach;
    private final LeadDetails lead;
    private final transient Runnable leadChanged;
    private final Div replies = new Div();
    private final Div messages = new Div();
    final Button send = new Button("Send outreach", new Icon(VaadinIcon.PAPERPLANE));

    OutreachTimeline(OutreachService outreach, LeadService leads, LeadDetails lead, Runnable leadChanged) {
        this.outreach = outreach;
        this.lead = lead;
        this.leadChanged = leadChanged;
        addClassName("outreach-timeline");
        setPadding(false);
        send.addClickListener(click -> openSendDialog());
        add(new H3("Outreach"));
        leads.emailChannelFlag(lead.id()).ifPresent(flag -> add(flagWarning(leads, flag)));
        add(send, replies, messages, flagHistory(leads.emailChannelFlagHistory(lead.id())));
        refresh();
    }

    /** Lead data (a link from a challenge mail): text only, never a link we follow. */
    private HorizontalLayout flagWarning(LeadService leads, String flag) {
        Paragraph warning = new Paragraph("Email channel needs an operator: " + flag);
        warning.addClassName("email-flag");
        Button clear = new Button("Clear flag", new Icon(VaadinIcon.CHECK), click -> {
            leads.clearEmailChannelFlag(lead.id());
            Notification.show("Email flag cleared").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            leadChanged.run();
        });
        clear.addClassName("clear-email-flag");
        HorizontalLayout row = new HorizontalLayout(warning, clear);
        row.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        return row;
    }

    /** When the email channel was flagged and cleared, and by whom; the reason is lead data, shown as text. */
    private static Div flagHistory(List<EmailFlagChange> changes) {
        Div history = new Div();
        history.addClassName("email-flag-history");
        if (!changes.isEmpty()) {
            history.add(new H4("Email channel"));
        }
        for (EmailFlagChange change : changes) {
            Paragraph line = new Paragraph(AttemptList.TIME.format(change.at()) + " · "
                    + (change.cleared() ? "Flag cleared by " : "Flagged by ") + change.actor()
                    + (change.reason() == null ? "" : " · " + change.reason()));
            line.addClassName(change.cleared() ? "email-flag-cleared" : "email-flag-raised");
            history.add(line);
        }
        return history;
    }

    private void refresh() {
        replies.removeAll();
        var received = outreach.replies(lead.id(), 20);
        if (!received.isEmpty()) {
            replies.add(new H4("Replies"));
            received.forEach(reply -> replies.add(replyCard(reply)));
        }
        messages.removeAll();
        var history = outreach.outreachHistory(lead.id(), 50);
        if (history.isEmpty()) {
            messages.add(new Paragraph("No outreach yet."));
        }
        history.forEach(entry -> messages.add(card(entry)));
    }

    private Div card(MessageHistory entry) {
        var message = entry.message();
        String state = message.needsReview() ? "NEEDS REVIEW" : message.status().name();
        String channel = message.channelUsed() == null ? "" : " via " + message.channelUsed().label();
        Div card = new Div(new H4(AttemptList.TIME.format(message.createdAt()) + " · " + message.subject()),
                new Paragraph(state + channel + (message.statusReason() == null ? "" : " · " + message.statusReason())),
                new AttemptList(entry.attempts()));
        card.addClassName("timeline-message");
        return card;
    }

    /** Lead data: shown as text only, never as HTML. */
    private static Div replyCard(LeadReply reply) {
        String what = switch (reply.kind()) {
            case "AUTO_REPLY" -> "Automatic reply · ";
            case "CHALLENGE" -> "Challenge-response · ";
            default -> "";
        };
        Paragraph heading = new Paragraph(what + AttemptList.TIME.format(reply.receivedAt()) + " · from "
                + (reply.fromAddress() == null ? "unknown sender" : reply.fromAddress())
                + (reply.subject() == null ? "" : " · " + reply.subject()));
        heading.addClassName("reply-heading");
        Paragraph excerpt = new Paragraph(reply.excerpt() == null || reply.excerpt().isBlank() ? "(no text)" : reply.excerpt());
        excerpt.addClassName("reply-excerpt");
        excerpt.getStyle().set("white-space", "pre-line");
        Div card = new Div(heading, excerpt);
        if (reply.note() != null) {
            Paragraph note = new Paragraph(reply.note());
            note.addClassName("reply-note");
            card.add(note);
        }
        card.addClassName("timeline-reply");
        return card;
    }

    private void openSendDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Send outreach to " + lead.displayName());
        TextField subject = new TextField("Subject");
        TextArea body = new TextArea("Message");
        body.setMinHeight("10em");
        FormLayout form = new FormLayout(subject, body);
        form.setColspan(body, 2);
        dialog.add(form);
        dialog.setWidth("min(44rem, 95vw)");
        Button confirm = new Button("Send now", click -> {
            try {
                SequenceResult result = outreach.sendOutreachMessage(lead.id(), subject.getValue(), body.getValue());
                dialog.close();
                Notification notification = Notification.show(describe(result));
                notification.addThemeVariants(result.success() ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_WARNING);
                leadChanged.run();
            } catch (InvalidInputException rejected) {
                FieldErrors.show(java.util.Map.of("subject", subject, "body", body), rejected.errors())
                        .forEach(other -> Notification.show(other.message()).addThemeVariants(NotificationVariant.LUMO_ERROR));
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), confirm);
        dialog.open();
    }

    static String describe(SequenceResult result) {
        if (result.success()) {
            return "Sent via " + result.channelUsed().label() + " after " + Wording.count(result.attempts().size(), "attempt");
        }
        return "Not sent yet: " + result.note();
    }
}
