package dev.outreach.content.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.outreach.content.Angle;
import dev.outreach.content.MessageTemplate;
import dev.outreach.content.NewTemplate;
import dev.outreach.content.TemplateService;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.FieldErrors;
import java.util.Map;
import java.util.function.Consumer;

/** Asks for a new template's name, channel, message type, optional angle and text; the service validates. */
class NewTemplateDialog extends Dialog {

    final TextField name = new TextField("Name");
    final Select<ChannelType> channel = new Select<>();
    final TextField messageType = new TextField("Message type");
    final Select<Angle> angle = new Select<>();
    final TextField subject = new TextField("Subject");
    final TextArea body = new TextArea("Body");
    final Button create = new Button("Create template");

    NewTemplateDialog(TemplateService templates, Consumer<MessageTemplate> created) {
        setHeaderTitle("New template");
        name.setHelperText("Lowercase letters, digits and hyphens, such as email-spring-offer");
        channel.setLabel("Channel");
        channel.setItems(ChannelType.values());
        channel.setItemLabelGenerator(value -> value == null ? "" : value.label());
        messageType.setHelperText("The touch it writes: initial, follow_up, final, or a new one such as spring_offer");
        angle.setLabel("Angle");
        angle.setItems(Angle.ROTATION);
        angle.setEmptySelectionAllowed(true);
        angle.setEmptySelectionCaption("Any angle");
        angle.setItemLabelGenerator(value -> value == null ? "Any angle" : value.label());
        body.setMinHeight("10em");
        FormLayout form = new FormLayout(name, channel, messageType, angle, subject, body);
        form.setColspan(subject, 2);
        form.setColspan(body, 2);
        add(form);
        setWidth("min(48rem, 95vw)");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> {
            FieldErrors.clear(fields());
            try {
                MessageTemplate saved = templates.create(new NewTemplate(name.getValue(), channel.getValue(),
                        messageType.getValue(), angle.getValue(), subject.getValue(), body.getValue()));
                close();
                Notification.show(saved.name() + " created").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                created.accept(saved);
            } catch (InvalidInputException invalid) {
                FieldErrors.show(fields(), invalid.errors()).stream().map(FieldError::message)
                        .forEach(message -> Notification.show(message).addThemeVariants(NotificationVariant.LUMO_ERROR));
            }
        });
        getFooter().add(new Button("Cancel", click -> close()), create);
    }

    private Map<String, HasValidation> fields() {
        return Map.of("name", name, "channel", channel, "messageType", messageType, "angle", angle, "subject", subject,
                "body", body);
    }
}
