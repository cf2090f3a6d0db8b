package dev.outreach.deliverability.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.outreach.deliverability.ConnectionSecurity;
import dev.outreach.deliverability.ConnectionTestResult;
import dev.outreach.deliverability.MailProtocol;
import dev.outreach.deliverability.MailServerSettings;
import dev.outreach.deliverability.Mailbox;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The SMTP or IMAP part of the mailbox form, with its Test connection button and the result shown
 * inline. The password field starts empty: a stored password never reaches the browser.
 */
class ServerSection extends VerticalLayout {

    private static final Set<Integer> USUAL_PORTS = Set.of(25, 143, 465, 587, 993);

    private final MailProtocol protocol;
    final TextField host;
    final IntegerField port;
    final Select<ConnectionSecurity> security = new Select<>();
    final TextField username;
    final PasswordField password;
    final Button test;
    final Div result = new Div();

    ServerSection(MailProtocol protocol, Mailbox.Server stored, Function<MailServerSettings, ConnectionTestResult> tester) {
        this.protocol = protocol;
        setPadding(false);
        setSpacing(false);
        host = new TextField(protocol + " host");
        port = new IntegerField(protocol + " port");
        username = new TextField(protocol + " user name");
        password = new PasswordField(protocol + " password");
        security.setLabel(protocol + " security");
        security.setItems(ConnectionSecurity.values());
        security.addValueChangeListener(change -> suggestPort(change.getValue()));
        port.setMin(1);
        port.setMax(65_535);
        password.setAutocomplete(com.vaadin.flow.component.textfield.Autocomplete.NEW_PASSWORD);
        read(stored);
        test = new Button("Test " + protocol + " connection", new Icon(VaadinIcon.PLUG), click -> {
            show(tester.apply(settings()));
            click.getSource().setEnabled(true);
        });
        test.setDisableOnClick(true);
        result.addClassName("connection-result");
        FormLayout form = new FormLayout(host, port, security, username, password);
        add(heading(protocol == MailProtocol.SMTP ? "Sending (SMTP)" : "Replies and bounces (IMAP, optional)"), form,
                test, result);
    }

    /** A section heading with room above it, so sections do not run into each other. */
    static H4 heading(String text) {
        H4 heading = new H4(text);
        heading.getStyle().set("margin-top", "var(--lumo-space-l)");
        return heading;
    }

    private void read(Mailbox.Server stored) {
        boolean smtp = protocol == MailProtocol.SMTP;
        host.setPlaceholder(smtp ? "smtp.example.com" : "imap.example.com (empty: replies are not read)");
        username.setPlaceholder(smtp ? "empty: the server needs no login" : "often the address");
        if (stored == null || !stored.configured()) {
            security.setValue(smtp ? ConnectionSecurity.STARTTLS : ConnectionSecurity.SSL);
            if (smtp) {
                port.setValue(587);
            } else {
                port.setPlaceholder("993");
            }
            return;
        }
        host.setValue(stored.host());
        // security before port: setting it suggests a usual port, which must not replace the stored one
        security.setValue(stored.security() == null ? ConnectionSecurity.STARTTLS : stored.security());
        port.setValue(stored.port());
        username.setValue(stored.username() == null ? "" : stored.username());
        if (stored.passwordStored()) {
            password.setPlaceholder("stored");
            password.setHelperText("Leave blank to keep the stored password (needs the same host and user)");
        }
    }

    /** Moves the port along with the security when it still holds a usual port (or none). */
    private void suggestPort(ConnectionSecurity value) {
        if (value == null || (port.getValue() != null && !USUAL_PORTS.contains(port.getValue()))) {
            return;
        }
        if (protocol == MailProtocol.IMAP && host.isEmpty() && port.isEmpty()) {
            return;
        }
        boolean smtp = protocol == MailProtocol.SMTP;
        port.setValue(switch (value) {
            case NONE -> smtp ? 25 : 143;
            case STARTTLS -> smtp ? 587 : 143;
            case SSL -> smtp ? 465 : 993;
        });
    }

    MailServerSettings settings() {
        return new MailServerSettings(host.getValue(), port.getValue(), security.getValue(), username.getValue(),
                password.getValue());
    }

    /** This section's fields under the names the service uses in its errors (smtpHost, imapPassword...). */
    Map<String, HasValidation> fields() {
        String p = protocol == MailProtocol.SMTP ? "smtp" : "imap";
        return Map.of(p + "Host", host, p + "Port", port, p + "Security", security, p + "Username", username,
                p + "Password", password);
    }

    private void show(ConnectionTestResult outcome) {
        result.removeAll();
        Span status = new Span(outcome.succeeded() ? "OK" : "Failed");
        status.getElement().getThemeList().add(outcome.succeeded() ? "badge success" : "badge error");
        Span message = new Span(" " + outcome.message());
        result.add(status, message);
        if (!outcome.detail().isEmpty()) {
            Div detail = new Div(outcome.detail());
            detail.addClassName("connection-detail");
            detail.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
            result.add(detail);
        }
    }
}
