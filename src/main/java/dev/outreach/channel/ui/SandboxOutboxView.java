package dev.outreach.channel.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.outreach.channel.email.SandboxMail;
import dev.outreach.channel.email.SandboxMailServer;
import dev.outreach.security.Role;
import dev.outreach.shared.ui.ConfirmDialogs;
import jakarta.annotation.security.PermitAll;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;

/**
 * What SANDBOX email delivered into the application's own SMTP server, newest first. A
 * message's headers and bodies are shown as text only, the HTML part as its source: they carry
 * lead data, which is never rendered.
 */
@Route("sandbox-outbox")
@PageTitle("Sandbox outbox | Outreach Engine")
@Menu(order = 45, icon = "vaadin:inbox", title = "Sandbox outbox")
@PermitAll
public class SandboxOutboxView extends VerticalLayout {

    static final int SHOWN = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withLocale(Locale.US).withZone(ZoneId.systemDefault());

    private final transient SandboxMailServer sandbox;

    final Grid<SandboxMail> grid = new Grid<>(SandboxMail.class, false);
    final Span count = new Span();
    final Button refresh = new Button("Refresh", new Icon(VaadinIcon.REFRESH), click -> refresh());
    final Button clear = new Button("Clear", new Icon(VaadinIcon.TRASH), click -> confirmClear());
    final VerticalLayout detail = new VerticalLayout();

    public SandboxOutboxView(SandboxMailServer sandbox, AuthenticationContext authentication) {
        this.sandbox = sandbox;
        addClassName("view");
        setSizeFull();
        clear.setVisible(authentication.hasRole(Role.ADMIN_NAME));
        configureGrid();
        configureDetail();
        SplitLayout split = new SplitLayout(grid, detail);
        split.setSizeFull();
        split.setSplitterPosition(55);
        add(new H2("Sandbox outbox"), new Paragraph(serverState()), createToolbar(), split);
        setFlexGrow(1, split);
        refresh();
    }

    private String serverState() {
        return sandbox.port().isPresent()
                ? "Email sent in SANDBOX mode arrives here, at the in-process SMTP server on 127.0.0.1:"
                        + sandbox.port().getAsInt() + ". Nobody outside receives it."
                : "The sandbox mail server is off (outreach.sandbox.enabled): SANDBOX email waits and is retried.";
    }

    private void configureGrid() {
        grid.setSizeFull();
        grid.addColumn(mail -> TIME.format(mail.receivedAt())).setHeader("Received").setKey("received").setAutoWidth(true);
        grid.addColumn(SandboxMail::from).setHeader("From").setKey("from").setAutoWidth(true);
        grid.addColumn(SandboxMail::to).setHeader("To").setKey("to").setAutoWidth(true);
        grid.addColumn(SandboxMail::subject).setHeader("Subject").setKey("subject").setFlexGrow(1);
        grid.asSingleSelect().addValueChangeListener(selected -> showDetail(selected.getValue()));
    }

    private void configureDetail() {
        detail.addClassName("sandbox-mail");
        detail.setSizeFull();
        detail.getStyle().set("overflow", "auto");
    }

    private Component createToolbar() {
        clear.addThemeVariants(ButtonVariant.LUMO_ERROR);
        count.addClassName("sandbox-count");
        HorizontalLayout toolbar = new HorizontalLayout(count, refresh, clear);
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        toolbar.setFlexGrow(1, count);
        toolbar.setWidthFull();
        return toolbar;
    }

    void refresh() {
        List<SandboxMail> newest = sandbox.messages(SHOWN);
        int total = sandbox.count();
        grid.setItems(newest);
        showDetail(null);
        String shown = total > newest.size() ? ", the newest " + newest.size() + " shown" : "";
        count.setText((total == 1 ? "1 message" : NumberFormat.getIntegerInstance(Locale.US).format(total) + " messages")
                + shown);
    }

    private void showDetail(SandboxMail mail) {
        detail.removeAll();
        if (mail == null) {
            detail.add(new Paragraph("Select a message to read it."));
            return;
        }
        detail.add(new H3(mail.subject().isBlank() ? "(no subject)" : mail.subject()),
                section("Headers", String.join("\n", mail.headers()), true),
                section("Text part", mail.textBody(), true),
                section("HTML part (source)", mail.htmlBody(), false));
    }

    private static Details section(String title, String value, boolean opened) {
        Details section = new Details(title, text(value == null ? "(none)" : value));
        section.setOpened(opened);
        section.setWidthFull();
        return section;
    }

    /** Text, never markup: Pre escapes whatever the lead data holds. */
    private static Pre text(String value) {
        Pre pre = new Pre(value);
        pre.getStyle().set("white-space", "pre-wrap").set("overflow-wrap", "anywhere").set("margin", "0");
        return pre;
    }

    private void confirmClear() {
        ConfirmDialogs.destructive("Clear the sandbox outbox?",
                "All " + sandbox.count() + " messages are forgotten. Outreach history keeps its records.", "Clear", () -> {
                    sandbox.clear();
                    Notification.show("Sandbox outbox cleared");
                    refresh();
                });
    }
}
