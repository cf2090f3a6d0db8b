package dev.outreach.deliverability.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.outreach.deliverability.SendingDomain;
import dev.outreach.deliverability.SendingDomainService;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.FieldErrors;
import java.util.Map;

/** Creates a sending domain, or changes one's name and daily cap. */
class SendingDomainDialog extends Dialog {

    final TextField domain = new TextField("Domain");
    final IntegerField dailyCap = new IntegerField("Daily cap (all its mailboxes together)");
    final Button save;
    private final Map<String, HasValidation> fields = Map.of("domain", domain, "dailyCap", dailyCap);

    SendingDomainDialog(SendingDomainService domains, SendingDomain existing, Runnable saved) {
        setHeaderTitle(existing == null ? "New sending domain" : "Edit " + existing.domain());
        domain.setPlaceholder("mail.example.com");
        domain.setRequiredIndicatorVisible(true);
        dailyCap.setMin(0);
        dailyCap.setStepButtonsVisible(true);
        dailyCap.setHelperText("0 stops the domain from sending");
        if (existing == null) {
            dailyCap.setValue(500);
        } else {
            domain.setValue(existing.domain());
            dailyCap.setValue(existing.dailyCap());
            if (existing.mailboxes() > 0) {
                domain.setReadOnly(true);
                domain.setHelperText("Its mailboxes' addresses end in it, so it cannot be renamed");
            }
        }
        add(new FormLayout(domain, dailyCap));
        save = new Button(existing == null ? "Create" : "Save", click -> {
            FieldErrors.clear(fields);
            try {
                if (existing == null) {
                    domains.create(domain.getValue(), dailyCap.getValue());
                } else {
                    domains.update(existing.id(), domain.getValue(), dailyCap.getValue());
                }
                close();
                saved.run();
            } catch (InvalidInputException rejected) {
                FieldErrors.showNotSaved(fields, rejected.errors());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", click -> close()), save);
    }
}
