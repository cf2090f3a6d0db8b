package dev.outreach.inbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignSummary;
import dev.outreach.inbox.Inbox;
import dev.outreach.inbox.InboxActions;
import dev.outreach.inbox.InboxAutomation;
import dev.outreach.inbox.ReplyIntents;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.Wording;
import dev.outreach.shared.ui.ConfirmDialogs;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The opened reply's label (see {@link ReplyLabelForm}), then the actions on the thread's lead: its outcome, snooze until a date, stop or resume the sequence,
 * unsubscribe, move to another campaign, assign, and a new lead from the referral the reply names
 * (prefilled). Each goes through {@link InboxActions} (assignment through {@link Inbox#assign}); a refusal shows on its field and in a
 * notification, and changes nothing. Lead data is only ever set as text.
 */
class InboxActionsPanel extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withLocale(Locale.US).withZone(ZoneId.systemDefault());

    private final transient InboxActions actions;
    private final transient Inbox inbox;
    private final InboxThread thread;
    private final transient Runnable threadChanged;

    final Button interested = new Button("Interested");
    final Button meetingBooked = new Button("Meeting booked");
    final Button notInterested = new Button("Not interested");
    final DatePicker snoozeUntil = new DatePicker("Snooze until");
    final Button snooze = new Button("Snooze");
    final Button stop = new Button("Stop sequence");
    final Button resume = new Button("Resume sequence");
    final Button unsubscribe = new Button("Unsubscribe");
    final Select<CampaignSummary> moveTo = new Select<>();
    final Button move = new Button("Move");
    final Select<String> assignee = new Select<>();
    final Button assign = new Button("Assign");
    final TextField referralFirstName = new TextField("First name");
    final TextField referralLastName = new TextField("Last name");
    final TextField referralEmail = new TextField("Email");
    final TextField referralCompany = new TextField("Company");
    final Button createReferral = new Button("Create lead");
    final Span automatic = new Span();

    final ReplyLabelForm label;

    InboxActionsPanel(InboxThread thread, Runnable threadChanged, InboxActions actions, Inbox inbox, ReplyIntents intents,
            InboxAutomation automation, CampaignService campaigns) {
        this.thread = thread;
        this.threadChanged = threadChanged;
        this.actions = actions;
        this.inbox = inbox;
        addClassName("inbox-actions");
        setPadding(false);
        label = new ReplyLabelForm(thread.replyId(), intents, threadChanged);
        add(new H3("Label"), label, new H3("Actions"));
        automation.appliedTo(thread.replyId()).ifPresent(applied -> {
            automatic.setText("Done automatically " + TIME.format(applied.appliedAt()) + " for the label "
                    + InboxLabels.text(applied.label()) + ": " + applied.outcome());
            automatic.addClassName("inbox-automatic");
            add(automatic);
        });
        add(outcomes(), sequence(), moving(campaigns), assigning(), referral());
    }

    private HorizontalLayout outcomes() {
        interested.addClickListener(click -> outcome(LeadOutcome.INTERESTED));
        meetingBooked.addClickListener(click -> outcome(LeadOutcome.MEETING_BOOKED));
        notInterested.addClickListener(click -> outcome(LeadOutcome.NOT_INTERESTED));
        interested.addThemeVariants(ButtonVariant.LUMO_SUCCESS);
        return row(new Span("Mark the lead"), interested, meetingBooked, notInterested);
    }

    private HorizontalLayout sequence() {
        snoozeUntil.setMin(LocalDate.now().plusDays(1));
        snoozeUntil.setHelperText("The sequence resumes that day, where the lead is");
        snooze.addClickListener(click -> run(() -> {
            actions.snooze(thread.leadId(), snoozeUntil.getValue());
            return "Snoozed until " + snoozeUntil.getValue();
        }));
        stop.addClickListener(click -> run(() -> "Sequence stopped ("
                + Wording.count(actions.stopSequence(thread.leadId()), "enrollment") + ")"));
        resume.addClickListener(click -> run(() -> "Sequence resumed ("
                + Wording.count(actions.resumeSequence(thread.leadId()), "enrollment") + ")"));
        unsubscribe.addThemeVariants(ButtonVariant.LUMO_ERROR);
        unsubscribe.addClickListener(click -> ConfirmDialogs.destructive("Unsubscribe this lead?",
                "Their address goes on the suppression list and no sequence will write to them again.", "Unsubscribe",
                () -> run(() -> actions.unsubscribe(thread.replyId()) + " unsubscribed")));
        return row(snoozeUntil, snooze, stop, resume, unsubscribe);
    }

    private HorizontalLayout moving(CampaignService campaigns) {
        Optional<Long> current = thread.campaignId().or(() -> actions.campaignOf(thread.leadId()));
        moveTo.setLabel("Move to campaign");
        moveTo.setItems(campaigns.findAll().stream().filter(c -> current.map(id -> !id.equals(c.id())).orElse(true)).toList());
        moveTo.setItemLabelGenerator(CampaignSummary::name);
        move.setEnabled(current.isPresent());
        if (current.isEmpty()) {
            moveTo.setHelperText("The lead is in no campaign");
        }
        move.addClickListener(click -> run(() -> {
            if (moveTo.getValue() == null) {
                throw new InvalidInputException("toCampaignId", "Choose the campaign to move the lead to");
            }
            actions.moveToCampaign(thread.leadId(), current.orElseThrow(), moveTo.getValue().id());
            return "Moved to " + moveTo.getValue().name();
        }));
        return row(moveTo, move);
    }

    /** The enabled users, the current assignee chosen; no one chosen: nobody handles the lead. */
    private HorizontalLayout assigning() {
        Optional<String> current = inbox.assigneeOf(thread.leadId());
        List<String> users = new ArrayList<>(inbox.assignees());
        current.filter(name -> !users.contains(name)).ifPresent(users::add); // a user disabled since still shows
        assignee.setLabel("Assigned to");
        assignee.setItems(users);
        assignee.setEmptySelectionAllowed(true);
        assignee.setEmptySelectionCaption("Nobody");
        assignee.setItemLabelGenerator(name -> name == null ? "Nobody" : name);
        assignee.setValue(current.orElse(null));
        assign.addClickListener(click -> run(() -> {
            inbox.assign(thread.leadId(), assignee.getValue());
            return assignee.getValue() == null ? "Nobody handles the lead now" : "Assigned to " + assignee.getValue();
        }));
        return row(assignee, assign);
    }

    /** Shown only when the reply names someone: the fields come prefilled and stay editable. */
    private VerticalLayout referral() {
        VerticalLayout section = new VerticalLayout();
        section.setPadding(false);
        Optional<LeadDraft> draft = actions.referralDraft(thread.replyId());
        section.setVisible(draft.isPresent());
        draft.ifPresent(d -> {
            referralFirstName.setValue(nz(d.getFirstName()));
            referralLastName.setValue(nz(d.getLastName()));
            referralEmail.setValue(nz(d.getEmail()));
            referralCompany.setValue(nz(d.getCompany()));
            createReferral.addClickListener(click -> run(() -> {
                d.setFirstName(referralFirstName.getValue());
                d.setLastName(referralLastName.getValue());
                d.setEmail(referralEmail.getValue());
                d.setCompany(referralCompany.getValue());
                long id = actions.createReferralLead(thread.replyId(), d);
                return "Lead #" + id + " created from the referral";
            }));
            section.add(new Span("The reply refers us to someone else"),
                    row(referralFirstName, referralLastName, referralEmail, referralCompany, createReferral));
        });
        return section;
    }

    private void outcome(LeadOutcome outcome) {
        run(() -> {
            int stopped = actions.markOutcome(thread.leadId(), outcome);
            return "Marked " + outcome.label().toLowerCase(Locale.ROOT) + (stopped > 0 ? "; sequence stopped" : "");
        });
    }

    /** Runs an action: its result in a notification and the thread redrawn, or its refusal on the field. */
    private void run(Supplier<String> action) {
        clearErrors();
        try {
            String done = action.get();
            Notification.show(done).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            threadChanged.run();
        } catch (InvalidInputException refused) {
            refused.errors().forEach(this::showError);
            Notification.show(refused.errors().stream().map(FieldError::message)
                    .collect(java.util.stream.Collectors.joining("; "))).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private void showError(FieldError error) {
        switch (error.field()) {
            case "until" -> {
                snoozeUntil.setErrorMessage(error.message());
                snoozeUntil.setInvalid(true);
            }
            case "toCampaignId", "fromCampaignId" -> {
                moveTo.setErrorMessage(error.message());
                moveTo.setInvalid(true);
            }
            case "assignee" -> {
                assignee.setErrorMessage(error.message());
                assignee.setInvalid(true);
            }
            case "email" -> invalid(referralEmail, error.message());
            case "firstName" -> invalid(referralFirstName, error.message());
            case "lastName" -> invalid(referralLastName, error.message());
            case "company" -> invalid(referralCompany, error.message());
            default -> { } // the notification says it
        }
    }

    private void clearErrors() {
        snoozeUntil.setInvalid(false);
        moveTo.setInvalid(false);
        assignee.setInvalid(false);
        referralEmail.setInvalid(false);
        referralFirstName.setInvalid(false);
        referralLastName.setInvalid(false);
        referralCompany.setInvalid(false);
    }

    private static void invalid(TextField field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    private static HorizontalLayout row(com.vaadin.flow.component.Component... components) {
        HorizontalLayout row = new HorizontalLayout(components);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        row.setWrap(true);
        return row;
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
