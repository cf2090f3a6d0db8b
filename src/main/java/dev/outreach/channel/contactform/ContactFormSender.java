package dev.outreach.channel.contactform;

import dev.outreach.channel.ChannelConfigService;
import dev.outreach.channel.ChannelSender;
import dev.outreach.channel.Delivery;
import dev.outreach.channel.DeliveryResult;
import dev.outreach.channel.task.ManualTaskService;
import dev.outreach.channel.task.ManualTaskType;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.DeliveryMode;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The contact-form channel for the sequencer: fills the lead's website form with our sender
 * identity (the channel's settings {@code from_name}, {@code from_email}, {@code from_phone},
 * {@code from_company}) and the message. A form behind a CAPTCHA is skipped or, with the setting
 * {@code captcha_to_operator = true}, becomes a manual task with every value to paste; the
 * operator's outcome arrives as a ManualTaskCompleted event. In SANDBOX mode it records what it
 * would submit and never fetches the page.
 */
@Component
class ContactFormSender implements ChannelSender {

    private final ContactFormOutreachService forms;
    private final ChannelConfigService channels;
    private final ManualTaskService tasks;

    ContactFormSender(ContactFormOutreachService forms, ChannelConfigService channels, ManualTaskService tasks) {
        this.forms = forms;
        this.channels = channels;
        this.tasks = tasks;
    }

    @Override
    public ChannelType channel() {
        return ChannelType.CONTACT_FORM;
    }

    @Override
    public SenderSession openSession() {
        Map<String, String> settings = channels.senderSettings(ChannelType.CONTACT_FORM);
        return new SenderSession() {
            @Override
            public DeliveryResult deliver(Delivery delivery) {
                return ContactFormSender.this.deliver(delivery, settings);
            }

            @Override
            public void close() {
                // stateless: every submission uses its own HTTP exchange
            }
        };
    }

    /** Skipped as the result says, or, when the channel hands such forms to people, a task for an operator. */
    private DeliveryResult captchaProtected(Delivery delivery, ContactFormResult result, Map<String, String> settings) {
        ContactFormSettings contactForm;
        try {
            contactForm = ContactFormSettings.from(settings);
        } catch (InvalidInputException e) {
            return DeliveryResult.hardFailure("contact form channel settings: " + e.getMessage());
        }
        if (!contactForm.captchaToOperator()) {
            return DeliveryResult.skipped(result.reason());
        }
        FormByHand byHand = result.byHand().orElseThrow();
        try {
            long taskId = tasks.create(delivery.messageId(), delivery.recipient().leadId(), ChannelType.CONTACT_FORM,
                    ManualTaskType.CONTACT_FORM, byHand.taskText(), byHand.pageUrl());
            return DeliveryResult.awaitingOperator("task:" + taskId, "task " + taskId + " for an operator: "
                    + result.reason() + " at " + byHand.pageUrl() + "; fill in " + byHand.fields().stream()
                            .map(field -> field.label() + "=" + field.value()).collect(Collectors.joining("; ")));
        } catch (InvalidInputException e) {
            return DeliveryResult.hardFailure("cannot queue the contact form task: " + e.getMessage());
        }
    }

    private DeliveryResult deliver(Delivery delivery, Map<String, String> settings) {
        Delivery.Recipient lead = delivery.recipient();
        String page = lead.contactFormUrl() != null ? lead.contactFormUrl() : lead.website();
        if (page == null) {
            return DeliveryResult.skipped("The lead has no website or contact form");
        }
        ContactFormRequest request = new ContactFormRequest(page, settings.get("from_name"), settings.get("from_email"),
                settings.get("from_phone"), settings.get("from_company"), delivery.content().subject(),
                delivery.content().textBody());
        if (delivery.mode() == DeliveryMode.SANDBOX) {
            return DeliveryResult.sent("sandbox:form:" + UUID.randomUUID(), "SANDBOX: would submit the contact form at "
                    + page + " as " + request.senderName() + " <" + request.senderEmail() + ">, subject '"
                    + request.subject() + "': " + request.message());
        }
        ContactFormResult result = forms.submit(request);
        if (result.byHand().isPresent()) {
            return captchaProtected(delivery, result, settings);
        }
        return switch (result.status()) {
            case SENT -> DeliveryResult.sent(null, result.method() + " " + result.submittedTo() + " (HTTP "
                    + result.httpStatus() + "): " + result.fields().entrySet().stream()
                            .map(field -> field.getKey() + "=" + field.getValue()).collect(Collectors.joining("; ")));
            case SKIPPED -> DeliveryResult.skipped(result.reason());
            default -> result.retryable() ? DeliveryResult.retryLater(result.reason(), Optional.empty())
                    : DeliveryResult.hardFailure(result.reason());
        };
    }
}
