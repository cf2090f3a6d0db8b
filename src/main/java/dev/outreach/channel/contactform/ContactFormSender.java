package dev.outreach.channel.contactform;

import dev.outreach.channel.ChannelConfigService;
import dev.outreach.channel.ChannelSender;
import dev.outreach.channel.ContactFormFound;
import dev.outreach.channel.Delivery;
import dev.outreach.channel.DeliveryResult;
import dev.outreach.channel.task.ManualTaskService;
import dev.outreach.channel.task.ManualTaskType;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.DeliveryMode;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The contact-form channel for the sequencer: fills the lead's website form with our sender
 * identity (the channel's settings {@code from_name}, {@code from_email}, {@code from_phone},
 * {@code from_company}) and the message. A form behind a CAPTCHA is skipped or, with the setting
 * {@code captcha_to_operator = true}, becomes a manual task with every value to paste; the
 * operator's outcome arrives as a ManualTaskCompleted event. In SANDBOX mode it records what it
 * would submit and never fetches the page (the opt-out list still applies). When the form was
 * found on another page than the lead's recorded one, {@link ContactFormFound} tells the lead
 * module.
 */
@Component
class ContactFormSender implements ChannelSender {

    private final ContactFormOutreachService forms;
    private final ChannelConfigService channels;
    private final SitePolicy sites;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ManualTaskService tasks;

    ContactFormSender(ContactFormOutreachService forms, ChannelConfigService channels, SitePolicy sites,
            ApplicationEventPublisher events, Clock clock, ManualTaskService tasks) {
        this.forms = forms;
        this.channels = channels;
        this.sites = sites;
        this.events = events;
        this.clock = clock;
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
            Optional<String> optedOut = sites.optedOut(page);
            if (optedOut.isPresent()) {
                return DeliveryResult.skipped(optedOut.get());
            }
            return DeliveryResult.sent("sandbox:form:" + UUID.randomUUID(), "SANDBOX: would submit the contact form at "
                    + page + " as " + request.senderName() + " <" + request.senderEmail() + ">, subject '"
                    + request.subject() + "': " + request.message());
        }
        ContactFormResult result = forms.submit(request, lead.leadId());
        if (result.formPage() != null && !result.formPage().toString().equals(lead.contactFormUrl())) {
            events.publishEvent(new ContactFormFound(lead.leadId(), result.formPage().toString(), clock.instant()));
        }
        if (result.byHand().isPresent()) {
            return captchaProtected(delivery, result, settings);
        }
        String details = details(result);
        return switch (result.status()) {
            case SENT -> result.unconfirmed() ? DeliveryResult.sentUnconfirmed(null, details)
                    : DeliveryResult.sent(null, details);
            case SKIPPED -> DeliveryResult.skipped(result.reason()).withDetails(details);
            default -> (result.retryable() ? DeliveryResult.retryLater(result.reason(), Optional.empty())
                    : DeliveryResult.hardFailure(result.reason())).withDetails(details);
        };
    }

    /**
     * What the attempt keeps: the site's answer, where the form was found and every field that
     * went out (failed submissions included); null when nothing was found or submitted.
     */
    static String details(ContactFormResult result) {
        if (result.submittedTo() == null) {
            return result.formPage() == null ? null : "Form found on " + result.formPage();
        }
        return result.reason() + "\n" + result.method() + " " + result.submittedTo() + " (HTTP " + result.httpStatus()
                + ")" + (result.formPage() == null ? "" : ", form found on " + result.formPage()) + "\n"
                + result.fields().entrySet().stream().map(field -> field.getKey() + "=" + field.getValue())
                        .collect(Collectors.joining("\n"));
    }
}
