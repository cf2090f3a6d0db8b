package dev.outreach.deliverability.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.FieldErrors;
import java.util.Map;
import java.util.function.Consumer;

/** Asks for the reason of a pause or a resume; the action runs only with one, and its errors show on the field. */
class ReasonDialog extends Dialog {

    final TextArea reason = new TextArea("Reason");
    final Button confirm;

    /** {@code action} receives the reason; an {@link InvalidInputException} it throws keeps the dialog open. */
    ReasonDialog(String title, String explanation, String confirmText, boolean destructive, Consumer<String> action) {
        setHeaderTitle(title);
        reason.setWidthFull();
        reason.setMaxLength(500);
        reason.setRequiredIndicatorVisible(true);
        reason.setHelperText("Kept in the audit log");
        add(new Paragraph(explanation), reason);
        setWidth("32rem");
        confirm = new Button(confirmText, click -> {
            FieldErrors.clear(Map.of("reason", reason));
            try {
                action.accept(reason.getValue());
                close();
            } catch (InvalidInputException rejected) {
                if (!FieldErrors.show(Map.of("reason", reason), rejected.errors()).isEmpty()) {
                    reason.setErrorMessage(rejected.errors().getFirst().message());
                    reason.setInvalid(true);
                }
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        if (destructive) {
            confirm.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        getFooter().add(new Button("Cancel", click -> close()), confirm);
    }
}
