package dev.outreach.inbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.outreach.inbox.IntentLabel;
import dev.outreach.inbox.IntentSource;
import dev.outreach.inbox.ReplyIntent;
import dev.outreach.inbox.ReplyIntents;
import dev.outreach.inbox.ReplyLabel;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The opened reply's label: the one in force with who gave it, how sure and why, and a person's
 * relabel (the label, with the date or the referral where the label has them), which
 * {@link ReplyIntents#relabel} keeps to measure the classifier. Mail values are set as text only.
 */
class ReplyLabelForm extends VerticalLayout {

    private final transient ReplyIntents intents;
    private final long replyId;
    private final transient Runnable threadChanged;

    final Span inForce = new Span();
    final Select<IntentLabel> label = new Select<>();
    final DatePicker date = new DatePicker();
    final TextField referralName = new TextField("Referral's name");
    final TextField referralEmail = new TextField("Referral's email");
    final Button relabel = new Button("Relabel");

    ReplyLabelForm(long replyId, ReplyIntents intents, Runnable threadChanged) {
        this.replyId = replyId;
        this.intents = intents;
        this.threadChanged = threadChanged;
        setPadding(false);
        setSpacing(false);
        addClassName("inbox-reply-label");
        inForce.addClassName("inbox-label-in-force");
        Optional<ReplyLabel> current = intents.labelOf(replyId);
        add(inForce);
        current.ifPresentOrElse(this::show, () -> inForce.setText("Not labelled yet: no label to change"));
    }

    private void show(ReplyLabel current) {
        ReplyIntent intent = current.intent();
        inForce.setText(describe(current));
        label.setLabel("Relabel as");
        label.setItems(IntentLabel.values());
        label.setItemLabelGenerator(InboxLabels::text);
        label.setValue(intent.label());
        date.setValue(intent.date().orElse(null));
        referralName.setValue(intent.referralName().orElse(""));
        referralEmail.setValue(intent.referralEmail().orElse(""));
        label.addValueChangeListener(change -> fitFields(change.getValue()));
        fitFields(intent.label());
        relabel.addClickListener(click -> relabel());
        HorizontalLayout row = new HorizontalLayout(label, date, referralName, referralEmail, relabel);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        add(row);
    }

    /** The date and the referral only where the chosen label has them. */
    private void fitFields(IntentLabel chosen) {
        date.setVisible(hasDate(chosen));
        date.setLabel(chosen == IntentLabel.OUT_OF_OFFICE ? "Back on" : "Come back on");
        referralName.setVisible(chosen == IntentLabel.WRONG_PERSON);
        referralEmail.setVisible(chosen == IntentLabel.WRONG_PERSON);
    }

    private void relabel() {
        IntentLabel chosen = label.getValue();
        label.setInvalid(false);
        date.setInvalid(false);
        referralName.setInvalid(false);
        referralEmail.setInvalid(false);
        boolean referral = chosen == IntentLabel.WRONG_PERSON;
        try {
            ReplyLabel stored = intents.relabel(replyId, new ReplyIntents.Relabel(chosen,
                    hasDate(chosen) ? Optional.ofNullable(date.getValue()) : Optional.empty(),
                    referral ? Optional.of(referralName.getValue()) : Optional.empty(),
                    referral ? Optional.of(referralEmail.getValue()) : Optional.empty()));
            boolean confirmed = stored.intent().label() == stored.machineLabel();
            Notification.show((confirmed ? "Label confirmed: " : "Relabelled ") + InboxLabels.text(stored.intent().label()))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            threadChanged.run();
        } catch (InvalidInputException refused) {
            refused.errors().forEach(this::showError);
            Notification.show(refused.errors().stream().map(FieldError::message).collect(Collectors.joining("; ")))
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private void showError(FieldError error) {
        switch (error.field()) {
            case "label" -> {
                label.setErrorMessage(error.message());
                label.setInvalid(true);
            }
            case "date" -> {
                date.setErrorMessage(error.message());
                date.setInvalid(true);
            }
            case "referralName" -> {
                referralName.setErrorMessage(error.message());
                referralName.setInvalid(true);
            }
            case "referralEmail" -> {
                referralEmail.setErrorMessage(error.message());
                referralEmail.setInvalid(true);
            }
            default -> { } // the notification says it
        }
    }

    /** "Out of office, back 2027-03-16 · rule, 90% · return date in the answer"; a person's label says what the machine said. */
    static String describe(ReplyLabel current) {
        ReplyIntent intent = current.intent();
        String what = InboxLabels.text(intent.label())
                + intent.date().map(day -> (intent.label() == IntentLabel.OUT_OF_OFFICE ? ", back " : ", come back ") + day).orElse("")
                + referral(intent);
        String who = InboxLabels.source(intent.source()) + ", " + Math.round(intent.confidence() * 100) + "%";
        String machine = intent.source() == IntentSource.PERSON
                ? " (the " + InboxLabels.source(current.machineSource()) + " said " + InboxLabels.text(current.machineLabel()) + ")"
                : current.awaitingModel() ? " (the model is asked next)" : "";
        return what + " · " + who + machine + (intent.reason().isEmpty() ? "" : " · " + intent.reason());
    }

    private static String referral(ReplyIntent intent) {
        if (intent.referralName().isEmpty() && intent.referralEmail().isEmpty()) {
            return "";
        }
        return ", refers to " + intent.referralName().orElse("") + intent.referralEmail()
                .map(email -> intent.referralName().isPresent() ? " <" + email + ">" : email).orElse("");
    }

    private static boolean hasDate(IntentLabel chosen) {
        return chosen == IntentLabel.NOT_NOW || chosen == IntentLabel.OUT_OF_OFFICE;
    }
}
