package dev.outreach.outreach.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.outreach.outreach.OutreachService;
import dev.outreach.outreach.ReviewAction;
import dev.outreach.outreach.ReviewItem;
import dev.outreach.outreach.ReviewResult;
import dev.outreach.shared.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The review queue: messages whose send was cut off (a crash, a restart, a reply the mail server
 * never gave) and that the engine could not settle itself, with what is known of each. A person
 * selects some and confirms them sent, sends them again or drops them.
 */
@Route("review")
@PageTitle("Review | Outreach Engine")
@Menu(order = 21, icon = "vaadin:question-circle-o", title = "Review")
@RolesAllowed({"ADMIN", "OPERATOR"})
public class ReviewView extends VerticalLayout {

    /** The route, for links from the menu's count and the command center. */
    public static final String ROUTE = "review";
    /** Rows listed at once; one bulk action takes at most as many. */
    static final int PAGE = 500;

    private final transient OutreachService outreach;
    final Grid<ReviewItem> grid = new Grid<>(ReviewItem.class, false);
    final Span count = new Span();
    final Button confirmSent = new Button(ReviewAction.CONFIRM_SENT.label(), click -> ask(ReviewAction.CONFIRM_SENT));
    final Button sendAgain = new Button(ReviewAction.SEND_AGAIN.label(), click -> ask(ReviewAction.SEND_AGAIN));
    final Button drop = new Button(ReviewAction.DROP.label(), click -> ask(ReviewAction.DROP));

    public ReviewView(OutreachService outreach) {
        this.outreach = outreach;
        addClassName("view");
        setSizeFull();
        configureGrid();
        add(new H2("Review"), new Paragraph("Messages whose send was cut off, so they may or may not have gone out. "
                + "Emails are looked for in the mailboxes' sent folders first; what is left here needs a person: "
                + "check the mail server's log, the sent folder or the LinkedIn account, then decide."),
                createToolbar(), grid);
        refresh();
    }

    private HorizontalLayout createToolbar() {
        sendAgain.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        drop.addThemeVariants(ButtonVariant.LUMO_ERROR);
        count.addClassName("review-count");
        HorizontalLayout toolbar = new HorizontalLayout(count, confirmSent, sendAgain, drop);
        toolbar.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        return toolbar;
    }

    private void configureGrid() {
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.setSizeFull();
        // Lead values are untrusted: every column renders text, never HTML.
        grid.addColumn(ReviewItem::leadName).setHeader("Lead").setKey("lead").setAutoWidth(true);
        grid.addColumn(ReviewItem::company).setHeader("Company").setKey("company").setAutoWidth(true);
        grid.addColumn(item -> item.channel() == null ? "" : item.channel().label()).setHeader("Channel").setKey("channel")
                .setAutoWidth(true);
        grid.addColumn(ReviewItem::mailbox).setHeader("Mailbox").setKey("mailbox").setAutoWidth(true);
        grid.addColumn(item -> item.tries() + 1).setHeader("Attempt").setKey("attempt").setAutoWidth(true);
        grid.addColumn(item -> item.since() == null ? "" : AttemptList.TIME.format(item.since())).setHeader("In doubt since")
                .setKey("since").setAutoWidth(true);
        grid.addColumn(item -> item.message().statusReason() == null ? "" : item.message().statusReason())
                .setHeader("Why").setKey("reason").setFlexGrow(1);
        grid.addColumn(ReviewItem::lastSmtpReply).setHeader("Mailbox's last SMTP reply").setKey("smtp").setFlexGrow(1);
        grid.setItemDetailsRenderer(new ComponentRenderer<>(this::details));
        grid.addSelectionListener(selection -> enableActions());
    }

    private VerticalLayout details(ReviewItem item) {
        VerticalLayout details = new VerticalLayout(new Span("In flight: " + item.inFlight()),
                new AttemptList(outreach.attempts(item.message().id())));
        details.setPadding(false);
        return details;
    }

    private void ask(ReviewAction action) {
        Set<ReviewItem> selected = grid.getSelectedItems();
        if (selected.isEmpty()) {
            return;
        }
        List<UUID> ids = selected.stream().map(item -> item.message().id()).toList();
        String what = ids.size() == 1 ? "1 message" : ids.size() + " messages";
        ConfirmDialog dialog = new ConfirmDialog(action.label() + ": " + what + "?", explanation(action), action.label(),
                confirmed -> apply(action, ids));
        dialog.setCancelable(true);
        if (action == ReviewAction.DROP) {
            dialog.setConfirmButtonTheme("error primary");
        }
        dialog.open();
    }

    private static String explanation(ReviewAction action) {
        return switch (action) {
            case CONFIRM_SENT -> "They are marked SENT: you checked that they went out. They will not be sent again.";
            case SEND_AGAIN -> "They go back to the outbox and are sent at the next dispatch. If one did go out, "
                    + "the lead gets it twice.";
            case DROP -> "They are not sent, now or later (SKIPPED).";
        };
    }

    void apply(ReviewAction action, List<UUID> ids) {
        try {
            ReviewResult result = outreach.resolveReviews(ids, action);
            String done = switch (action) {
                case CONFIRM_SENT -> " confirmed sent";
                case SEND_AGAIN -> " queued to send again";
                case DROP -> " dropped";
            };
            String text = (result.settled() == 1 ? "1 message" : result.settled() + " messages") + done
                    + (result.alreadySettled() == 0 ? ""
                            : "; " + result.alreadySettled() + " already settled by someone else, left as they were");
            Notification.show(text).addThemeVariants(result.alreadySettled() == 0 ? NotificationVariant.LUMO_SUCCESS
                    : NotificationVariant.LUMO_WARNING);
        } catch (InvalidInputException refused) {
            Notification.show(refused.errors().getFirst().message()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    private void enableActions() {
        boolean any = !grid.getSelectedItems().isEmpty();
        confirmSent.setEnabled(any);
        sendAgain.setEnabled(any);
        drop.setEnabled(any);
    }

    void refresh() {
        int inDoubt = outreach.reviewCount();
        count.setText((inDoubt == 0 ? "Nothing to review" : inDoubt == 1 ? "1 message to review" : inDoubt + " messages to review")
                + (inDoubt > PAGE ? " (the " + PAGE + " longest in doubt are listed)" : ""));
        grid.deselectAll();
        grid.setItems(outreach.reviewQueue(0, PAGE));
        enableActions();
    }
}
