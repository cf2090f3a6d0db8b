package dev.outreach.channel.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import dev.outreach.channel.task.ManualTaskService;
import dev.outreach.channel.task.ManualTaskView;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.MessageStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One channel's queue of open manual tasks, oldest first, with what an operator does on each:
 * mark it sent, failed or skipped. The selected task's full text sits in a read-only area to
 * copy from. Task texts and links come from lead data: they are shown as text only, and a link
 * becomes clickable only when it is http, https or tel.
 */
class ManualTaskGrid extends VerticalLayout {

    static final int QUEUE_SIZE = 200;
    private static final int PREVIEW = 80;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withLocale(Locale.US).withZone(ZoneId.systemDefault());

    private final transient ManualTaskService tasks;
    private final ChannelType channel;

    final Grid<ManualTaskView> grid = new Grid<>(ManualTaskView.class, false);
    final TextArea fullText = new TextArea("Full text");
    final Span count = new Span();

    ManualTaskGrid(ManualTaskService tasks, ChannelType channel) {
        this.tasks = tasks;
        this.channel = channel;
        addClassName("manual-task-grid");
        setPadding(false);
        setSizeFull();
        configureGrid();
        fullText.setReadOnly(true);
        fullText.setWidthFull();
        fullText.setPlaceholder("Select a task to see its full text");
        count.addClassName("task-count");
        add(count, grid, fullText);
        setFlexGrow(1, grid);
        refresh();
    }

    private void configureGrid() {
        grid.setWidthFull();
        grid.addColumn(task -> TIME.format(task.createdAt())).setHeader("Created").setKey("created").setAutoWidth(true);
        grid.addColumn(task -> "#" + task.leadId()).setHeader("Lead").setKey("lead").setAutoWidth(true);
        grid.addColumn(task -> task.type().label()).setHeader("Type").setKey("type").setAutoWidth(true);
        grid.addColumn(task -> preview(task.text())).setHeader("Text").setKey("text").setFlexGrow(1);
        grid.addComponentColumn(ManualTaskGrid::link).setHeader("Link").setKey("link").setAutoWidth(true);
        grid.addColumn(task -> task.dueAt() == null ? "" : TIME.format(task.dueAt())).setHeader("Due").setKey("due")
                .setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("").setKey("actions").setAutoWidth(true).setFlexGrow(0);
        grid.asSingleSelect().addValueChangeListener(selected ->
                fullText.setValue(selected.getValue() == null || selected.getValue().text() == null ? ""
                        : selected.getValue().text()));
    }

    private Component actions(ManualTaskView task) {
        Button sent = new Button("Mark sent", click -> close(task, MessageStatus.SENT, null));
        sent.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        Button failed = new Button("Failed", click -> askNote(task, MessageStatus.FAILED, "Could not send it?"));
        failed.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        Button skip = new Button("Skip", click -> askNote(task, MessageStatus.SKIPPED, "Skip this task?"));
        skip.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        HorizontalLayout buttons = new HorizontalLayout(sent, failed, skip);
        buttons.setSpacing(true);
        return buttons;
    }

    private void askNote(ManualTaskView task, MessageStatus outcome, String title) {
        String confirm = outcome == MessageStatus.FAILED ? "Mark failed" : "Skip task";
        new NoteDialog(title, confirm, note -> close(task, outcome, note)).open();
    }

    private void close(ManualTaskView task, MessageStatus outcome, String note) {
        try {
            tasks.complete(task.id(), outcome, note);
            Notification.show("Task marked " + outcome.name().toLowerCase(Locale.ROOT))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (InvalidInputException rejected) {
            Notification.show(rejected.errors().getFirst().message()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    void refresh() {
        List<ManualTaskView> open = tasks.open(channel, QUEUE_SIZE);
        long total = tasks.countOpen(channel);
        grid.setItems(open);
        fullText.clear();
        NumberFormat number = NumberFormat.getIntegerInstance(Locale.US);
        String shown = total > open.size() ? ", the oldest " + open.size() + " shown" : "";
        count.setText((total == 1 ? "1 open task" : number.format(total) + " open tasks") + shown);
    }

    private static String preview(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() > PREVIEW ? flat.substring(0, PREVIEW) + "…" : flat;
    }

    private static Component link(ManualTaskView task) {
        Optional<URI> href = safeLink(task.link());
        if (href.isEmpty()) {
            return new Span(task.link() == null ? "" : task.link());
        }
        boolean phone = href.get().getScheme().equalsIgnoreCase("tel");
        String web = task.channel() == ChannelType.CONTACT_FORM ? "Open page" : "Open profile";
        Anchor anchor = new Anchor(href.get().toString(), phone ? href.get().getSchemeSpecificPart() : web);
        if (!phone) {
            anchor.setTarget(AnchorTarget.BLANK);
            anchor.getElement().setAttribute("rel", "noopener noreferrer");
        }
        return anchor;
    }

    /** Only http(s) with a host, or tel: with a dialable number; anything else (javascript:, data:) is refused. */
    static Optional<URI> safeLink(String link) {
        if (link == null || link.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(link.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
            boolean tel = scheme.equals("tel") && uri.getSchemeSpecificPart().matches("\\+?[0-9]{3,20}");
            return web || tel ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
