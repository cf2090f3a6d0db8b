package dev.outreach.shared.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.DefaultErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import dev.outreach.shared.FailureChain;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * What the console shows when an action fails with an exception no view caught: a sentence a
 * user understands and a reference to find the details in the log. An exception's own message
 * (SQL, driver text, class names) is never shown.
 */
@Component
class ConsoleErrorHandler extends DefaultErrorHandler implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrorHandler.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(this));
    }

    @Override
    public void error(ErrorEvent event) {
        if (!shouldHandle(event.getThrowable())) {
            return; // a browser that went away mid-request (Vaadin's list of socket exceptions): nobody to tell
        }
        var chain = FailureChain.of(event.getThrowable());
        String text = FailureChain.first(chain, InvalidInputException.class)
                .map(invalid -> "Not done: " + String.join(" ", invalid.errors().stream().map(FieldError::message).toList()))
                .or(() -> FailureChain.first(chain, AccessDeniedException.class)
                        .map(denied -> "You are not allowed to do this; ask an admin."))
                .orElseGet(() -> unexpected(event.getThrowable()));
        if (UI.getCurrent() != null) {
            Notification.show(text, 8000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private static String unexpected(Throwable failure) {
        String reference = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
        log.error("Unexpected error in the console (reference {})", reference, failure);
        return "Something went wrong and the action did not complete. Try again; if it keeps failing, "
                + "an admin finds the details in the application log under reference " + reference + ".";
    }
}
