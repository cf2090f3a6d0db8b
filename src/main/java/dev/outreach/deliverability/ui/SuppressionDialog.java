package dev.outreach.deliverability.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import dev.outreach.deliverability.Suppression;
import dev.outreach.deliverability.SuppressionList;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.FieldErrors;
import java.util.Map;
import java.util.function.Consumer;

/** Adds an address or a whole domain to the suppression list, with a reason. */
class SuppressionDialog extends Dialog {

    final RadioButtonGroup<Suppression.Kind> kind = new RadioButtonGroup<>("Suppress");
    final TextField entry = new TextField("Email address");
    final TextField reason = new TextField("Reason");
    final Button add;
    private final Map<String, HasValidation> fields = Map.of("kind", kind, "entry", entry, "reason", reason);

    SuppressionDialog(SuppressionList suppressions, Consumer<Suppression> added) {
        setHeaderTitle("Add to the suppression list");
        kind.setItems(Suppression.Kind.values());
        kind.setItemLabelGenerator(k -> k == Suppression.Kind.ADDRESS ? "One address" : "A whole domain");
        kind.setValue(Suppression.Kind.ADDRESS);
        kind.addValueChangeListener(change -> {
            boolean address = change.getValue() != Suppression.Kind.DOMAIN;
            entry.setLabel(address ? "Email address" : "Domain");
            entry.setPlaceholder(address ? "jane@example.com" : "example.com");
        });
        entry.setPlaceholder("jane@example.com");
        reason.setPlaceholder("e.g. asked by phone not to be contacted");
        reason.setMaxLength(200);
        add(new FormLayout(kind, entry, reason));
        add = new Button("Add", click -> {
            FieldErrors.clear(fields);
            try {
                Suppression result = suppressions.add(kind.getValue(), entry.getValue(), reason.getValue());
                close();
                added.accept(result);
            } catch (InvalidInputException rejected) {
                FieldErrors.showNotSaved(fields, rejected.errors());
            }
        });
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", click -> close()), add);
    }
}
