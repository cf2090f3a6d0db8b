package dev.outreach.inbox.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import dev.outreach.content.MessageTemplate;
import dev.outreach.content.ReplySnippets;
import dev.outreach.outreach.ConsoleReplies;
import dev.outreach.outreach.ConsoleReplyDraft;
import dev.outreach.outreach.OutreachMessage;
import dev.outreach.outreach.QueuedReply;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.FieldErrors;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answering the open thread from the console: a plain-text reply, optionally started from a reply
 * snippet, queued with "Send reply" through {@link ConsoleReplies} (the outbox sends it from the
 * mailbox that sent the thread). Says where it goes out from, why it waits when it does, and the
 * service's errors; lists the lead's earlier replies from the console with their status.
 */
@org.springframework.stereotype.Component
class ReplyComposerSection implements InboxThreadSection {

    private static final int RECENT_REPLIES = 5;

    private final ConsoleReplies replies;
    private final ReplySnippets snippets;

    ReplyComposerSection(ConsoleReplies replies, ReplySnippets snippets) {
        this.replies = replies;
        this.snippets = snippets;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public Component create(InboxThread thread, Runnable threadChanged) {
        return new Composer(thread, threadChanged);
    }

    /** One composer per opened thread. */
    private final class Composer extends VerticalLayout {

        private final InboxThread thread;
        private final Runnable threadChanged;
        private final ComboBox<MessageTemplate> snippet = new ComboBox<>("Start from a snippet");
        private final TextArea body = new TextArea("Your reply");
        private final Span status = new Span();
        private final Span error = new Span();
        private final Div earlier = new Div();

        Composer(InboxThread thread, Runnable threadChanged) {
            this.thread = thread;
            this.threadChanged = threadChanged;
            addClassName("reply-composer");
            setPadding(false);
            configureSnippet();
            body.setWidthFull();
            body.setMinHeight("10em");
            body.setPlaceholder("Plain text, as the lead will read it");
            Button send = new Button("Send reply", click -> send());
            send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            status.addClassName("reply-composer-status");
            error.addClassName("reply-composer-error");
            error.getStyle().set("color", "var(--lumo-error-text-color)");
            earlier.addClassName("reply-composer-earlier");
            add(new H3("Reply"), snippet, body, send, status, error, earlier);
            showEarlier();
        }

        private void configureSnippet() {
            List<MessageTemplate> available = snippets.list();
            snippet.setItems(available);
            snippet.setItemLabelGenerator(MessageTemplate::name);
            snippet.setClearButtonVisible(true);
            snippet.setWidth("20em");
            snippet.setHelperText(available.isEmpty() ? "No snippets yet: admins add email templates of type reply_..." : null);
            snippet.addValueChangeListener(change -> {
                if (change.getValue() == null) {
                    return;
                }
                try {
                    String text = snippets.render(change.getValue().id(), thread.leadId());
                    body.setValue(body.getValue().isBlank() ? text : body.getValue().stripTrailing() + "\n\n" + text);
                } catch (InvalidInputException e) {
                    error.setText(e.errors().getFirst().message());
                }
            });
        }

        private void send() {
            FieldErrors.clear(Map.of("body", body));
            error.setText("");
            status.setText("");
            QueuedReply queued;
            try {
                queued = replies.queue(new ConsoleReplyDraft(thread.leadId(), Optional.of(thread.replyId()), body.getValue()));
            } catch (InvalidInputException e) {
                List<FieldError> unshown = FieldErrors.show(Map.of("body", body), e.errors());
                error.setText(unshown.stream().map(FieldError::message).reduce((a, b) -> a + " " + b).orElse(""));
                return;
            }
            String said = "Queued: \"" + queued.subject() + "\" goes out from " + queued.from()
                    + queued.waits().map(why -> ". " + why).orElse("");
            status.setText(said);
            Notification.show(said).addThemeVariants(queued.waits().isPresent() ? NotificationVariant.LUMO_WARNING
                    : NotificationVariant.LUMO_SUCCESS);
            body.clear();
            snippet.clear();
            showEarlier();
            threadChanged.run();
        }

        /** The lead's replies from the console: sent, or why they wait (the dispatcher's reason). */
        private void showEarlier() {
            earlier.removeAll();
            List<OutreachMessage> recent = replies.ofLead(thread.leadId(), RECENT_REPLIES);
            for (OutreachMessage reply : recent) {
                String state = switch (reply.status()) {
                    case SENT, DELIVERED, REPLIED -> "sent";
                    case PENDING -> "waiting" + (reply.statusReason() == null ? " to be sent" : ": " + reply.statusReason());
                    case SENDING -> reply.needsReview() ? "in doubt, see Review" : "sending";
                    default -> reply.status().name().toLowerCase(java.util.Locale.ROOT)
                            + (reply.statusReason() == null ? "" : ": " + reply.statusReason());
                };
                Div line = new Div(new Span(reply.subject() + " (" + state + ")"));
                line.addClassName("reply-composer-earlier-reply");
                earlier.add(line);
            }
        }
    }
}
