package dev.outreach.shared.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.outreach.shared.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Shows a service's field errors on the form fields they name: one way for every form. */
public final class FieldErrors {

    private FieldErrors() {
    }

    /** Marks each named field invalid with its message; returns the errors no field could show. */
    public static List<FieldError> show(Map<String, ? extends HasValidation> fields, List<FieldError> errors) {
        List<FieldError> unshown = new ArrayList<>();
        for (FieldError error : errors) {
            HasValidation field = fields.get(error.field());
            if (field == null) {
                unshown.add(error);
            } else {
                field.setErrorMessage(error.message());
                field.setInvalid(true);
            }
        }
        return unshown;
    }

    /** {@link #show} plus a "Not saved" notification with the first reason. */
    public static void showNotSaved(Map<String, ? extends HasValidation> fields, List<FieldError> errors) {
        show(fields, errors);
        Notification.show("Not saved: " + errors.getFirst().message()).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    /** Clears the invalid state before a new attempt. */
    public static void clear(Map<String, ? extends HasValidation> fields) {
        fields.values().forEach(field -> field.setInvalid(false));
    }
}
