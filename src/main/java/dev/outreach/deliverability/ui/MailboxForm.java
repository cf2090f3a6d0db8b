package dev.outreach.deliverability.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.outreach.deliverability.MailProtocol;
import dev.outreach.deliverability.Mailbox;
import dev.outreach.deliverability.MailboxConnectionTester;
import dev.outreach.deliverability.MailboxDraft;
import dev.outreach.deliverability.MailboxService;
import dev.outreach.deliverability.SendingDomain;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.FieldErrors;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Creates or edits a mailbox: identity, SMTP, IMAP and warm-up, with a connection test before saving. */
class MailboxForm extends Dialog {

    private final transient MailboxService mailboxes;
    private final Mailbox existing;
    private final Map<String, HasValidation> fields = new HashMap<>();

    final TextField address = new TextField("Address");
    final TextField displayName = new TextField("Display name");
    final Select<SendingDomain> domain = new Select<>();
    final ServerSection smtp;
    final ServerSection imap;
    final IntegerField dailyCap = number("Daily cap once warmed up (warm-up target)", "dailyCap");
    final IntegerField warmupStartVolume = number("Warm-up start volume (first day)", "warmupStartVolume");
    final IntegerField warmupDailyIncrease = number("Warm-up daily increase", "warmupDailyIncrease");
    final DatePicker warmupStartedOn = new DatePicker("Warm-up started on");
    final Button save;

    MailboxForm(MailboxService mailboxes, MailboxConnectionTester tester, List<SendingDomain> domains, Mailbox existing,
            Consumer<Mailbox> saved) {
        this.mailboxes = mailboxes;
        this.existing = existing;
        setHeaderTitle(existing == null ? "New mailbox" : "Edit " + existing.address());
        setWidth("52rem");
        Long id = existing == null ? null : existing.id();
        smtp = new ServerSection(MailProtocol.SMTP, existing == null ? null : existing.smtp(),
                settings -> tester.test(MailProtocol.SMTP, settings, id));
        imap = new ServerSection(MailProtocol.IMAP, existing == null ? null : existing.imap(),
                settings -> tester.test(MailProtocol.IMAP, settings, id));
        domain.setLabel("Sending domain");
        domain.setItems(domains);
        domain.setItemLabelGenerator(SendingDomain::domain);
        address.setPlaceholder("alex@mail.example.com");
        warmupStartedOn.setHelperText("Empty: no warm-up, the daily cap applies at once");
        fields.put("address", address);
        fields.put("displayName", displayName);
        fields.put("domainId", domain);
        fields.put("warmupStartedOn", warmupStartedOn);
        fields.putAll(smtp.fields());
        fields.putAll(imap.fields());
        read(domains);
        FormLayout identity = new FormLayout(address, displayName, domain);
        FormLayout warmup = new FormLayout(dailyCap, warmupStartVolume, warmupDailyIncrease, warmupStartedOn);
        add(new H4("Mailbox"), identity, smtp, imap, ServerSection.heading("Daily cap and warm-up"), warmup);
        save = new Button(existing == null ? "Create" : "Save", click -> save(saved));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", click -> close()), save);
    }

    private void read(List<SendingDomain> domains) {
        if (existing == null) {
            dailyCap.setValue(50);
            warmupStartVolume.setValue(10);
            warmupDailyIncrease.setValue(5);
            warmupStartedOn.setValue(LocalDate.now(ZoneOffset.UTC));
            if (domains.size() == 1) {
                domain.setValue(domains.getFirst());
            }
            return;
        }
        address.setValue(existing.address());
        displayName.setValue(existing.displayName());
        domains.stream().filter(d -> d.id() == existing.domainId()).findFirst().ifPresent(domain::setValue);
        dailyCap.setValue(existing.dailyCap());
        warmupStartVolume.setValue(existing.warmupStartVolume());
        warmupDailyIncrease.setValue(existing.warmupDailyIncrease());
        warmupStartedOn.setValue(existing.warmupStartedOn());
    }

    private void save(Consumer<Mailbox> saved) {
        FieldErrors.clear(fields);
        MailboxDraft draft = new MailboxDraft(address.getValue(), displayName.getValue(),
                domain.getValue() == null ? null : domain.getValue().id(), smtp.settings(), imap.settings(),
                dailyCap.getValue(), warmupStartVolume.getValue(), warmupDailyIncrease.getValue(),
                warmupStartedOn.getValue());
        try {
            Mailbox result = existing == null ? mailboxes.create(draft) : mailboxes.update(existing.id(), draft);
            close();
            saved.accept(result);
        } catch (InvalidInputException rejected) {
            FieldErrors.showNotSaved(fields, rejected.errors());
        }
    }

    private IntegerField number(String label, String property) {
        IntegerField field = new IntegerField(label);
        field.setMin(0);
        field.setStepButtonsVisible(true);
        fields.put(property, field);
        return field;
    }
}
