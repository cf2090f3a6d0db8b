package dev.outreach.shared.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.server.VaadinSession;
import dev.outreach.shared.InvalidInputException;
import java.util.function.Function;

/**
 * Asks where the signed-in user reads mail (remembered for the session: accounts have no email
 * address) and sends the test there.
 */
public class SendTestDialog extends Dialog {

    private static final String REMEMBERED = "outreach.test-address";

    public final EmailField to = new EmailField("Your email address");
    public final Button send = new Button("Send test");

    /** {@code sender} sends to the address and returns what to tell the user. */
    public SendTestDialog(String what, Function<String, String> sender) {
        setHeaderTitle("Send a test to myself");
        to.setWidthFull();
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null && session.getAttribute(REMEMBERED) instanceof String remembered) {
            to.setValue(remembered);
        }
        add(new Paragraph(what + " It is marked as a test, is not sent to the lead and does not count as outreach."), to);
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickListener(click -> {
            to.setInvalid(false);
            try {
                String done = sender.apply(to.getValue());
                if (session != null) {
                    session.setAttribute(REMEMBERED, to.getValue().strip());
                }
                close();
                Notification.show(done).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            } catch (InvalidInputException refused) {
                to.setErrorMessage(String.join(" ", refused.errors().stream().map(e -> e.message()).toList()));
                to.setInvalid(true);
            }
        });
        getFooter().add(new Button("Cancel", click -> close()), send);
        setWidth("min(32rem, 95vw)");
    }
}
