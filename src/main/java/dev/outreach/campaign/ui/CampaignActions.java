package dev.outreach.campaign.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignNotStartableException;
import dev.outreach.campaign.CampaignProblem;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignStatus;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.Wording;
import dev.outreach.shared.ui.ConfirmDialogs;
import java.util.List;
import java.util.function.Consumer;

/**
 * A campaign's lifecycle buttons (start, pause, resume, clone, archive), for the list and the
 * campaign's page alike: each is enabled when the campaign's status allows it, and shows what the
 * service says when it refuses (a refused start lists every problem). Archive is for admins.
 */
class CampaignActions extends VerticalLayout {

    final Button start = new Button("Start", new Icon(VaadinIcon.PLAY));
    final Button pause = new Button("Pause", new Icon(VaadinIcon.PAUSE));
    final Button resume = new Button("Resume", new Icon(VaadinIcon.PLAY_CIRCLE));
    final Button copy = new Button("Clone", new Icon(VaadinIcon.COPY), click -> askCopyName());
    final Button archive = new Button("Archive", new Icon(VaadinIcon.ARCHIVE), click -> confirmArchive());
    /** Why the last start was refused, one line per problem. */
    final Div problems = new Div();

    private final transient CampaignService service;
    private final transient Consumer<CampaignDetails> changed;
    private Long id;
    private String name;

    /** {@code changed} gets the campaign after a change: the same one, or the copy after a clone. */
    CampaignActions(CampaignService service, boolean admin, Consumer<CampaignDetails> changed) {
        this.service = service;
        this.changed = changed;
        start.addClickListener(click -> act("started", service::start));
        pause.addClickListener(click -> act("paused", service::pause));
        resume.addClickListener(click -> act("resumed", service::resume));
        setPadding(false);
        setSpacing(false);
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        archive.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        archive.setVisible(admin);
        problems.addClassName("start-problems");
        problems.setVisible(false);
        add(new HorizontalLayout(start, pause, resume, copy, archive), problems);
        show(null, null, null);
    }

    /** The campaign the buttons act on; null when none is selected. */
    void show(Long campaignId, String campaignName, CampaignStatus status) {
        if (!java.util.Objects.equals(id, campaignId)) {
            problems.setVisible(false);
        }
        this.id = campaignId;
        this.name = campaignName;
        start.setEnabled(status == CampaignStatus.DRAFT);
        pause.setEnabled(status == CampaignStatus.ACTIVE);
        resume.setEnabled(status == CampaignStatus.PAUSED);
        copy.setEnabled(status != null);
        archive.setEnabled(status != null && status != CampaignStatus.ARCHIVED);
    }

    private void act(String done, java.util.function.LongFunction<CampaignDetails> action) {
        problems.setVisible(false);
        try {
            CampaignDetails after = action.apply(id);
            Notification.show(name + " " + done).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            changed.accept(after);
        } catch (CampaignNotStartableException refused) {
            showProblems(refused.problems());
        } catch (InvalidInputException refused) {
            Notification.show("Not done: " + String.join(" ", refused.errors().stream().map(FieldError::message).toList()))
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private void showProblems(List<CampaignProblem> list) {
        problems.removeAll();
        UnorderedList lines = new UnorderedList();
        list.forEach(problem -> lines.add(new ListItem(problem.message())));
        problems.add(new Span(name + " cannot start yet:"), lines);
        problems.setVisible(true);
        Notification.show("Not started: " + Wording.count(list.size(), "problem")).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private void askCopyName() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Clone " + name);
        TextField copyName = new TextField("Name of the copy");
        copyName.setValue(name + " (copy)");
        copyName.setWidthFull();
        Button create = new Button("Clone", click -> {
            try {
                CampaignDetails created = service.copy(id, copyName.getValue());
                dialog.close();
                Notification.show("Cloned into " + created.name() + ": a draft with the same plan, schedule and settings")
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                changed.accept(created);
            } catch (InvalidInputException refused) {
                copyName.setErrorMessage(refused.errors().getFirst().message());
                copyName.setInvalid(true);
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("clone-confirm");
        dialog.add(copyName);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), create);
        dialog.open();
    }

    private void confirmArchive() {
        ConfirmDialogs.destructive("Archive " + name + "?", "An archived campaign sends nothing more and is hidden from the list"
                + " (tick \"Show archived\" to see it again).", "Archive", () -> act("archived", service::archive));
    }
}
