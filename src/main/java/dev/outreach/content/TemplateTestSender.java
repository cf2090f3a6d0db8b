package dev.outreach.content;

import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.campaign.SequenceConfig;
import dev.outreach.campaign.StepTestSender;
import dev.outreach.channel.ChannelSender;
import dev.outreach.channel.Delivery;
import dev.outreach.channel.DeliveryResult;
import dev.outreach.deliverability.MailboxDirectory;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.DeliveryMode;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.MessageStatus;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Service;

/**
 * "Send a test to myself": a template rendered for a chosen lead, emailed to the person editing
 * it through the same email path as outreach (in SANDBOX into the Sandbox outbox). It is marked
 * as a test in its subject and first line, and it is not outreach: no message row, no rate limit
 * taken, no reputation recorded, nothing changes on the lead. Each test sent is in the audit log
 * (who, which template, to whom, from which mailbox): in LIVE mode it is real mail.
 */
@Service
@PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
public class TemplateTestSender implements StepTestSender {

    private static final Logger log = LoggerFactory.getLogger(TemplateTestSender.class);

    private final TemplateService templates;
    private final TemplateStore store;
    private final LeadService leads;
    private final MailboxDirectory mailboxes;
    private final EngineSettingsService engine;
    private final List<ChannelSender> senders;
    private final AuditLog auditLog;
    private final TransactionTemplate transaction;

    TemplateTestSender(TemplateService templates, TemplateStore store, LeadService leads, MailboxDirectory mailboxes,
            EngineSettingsService engine, List<ChannelSender> senders, AuditLog auditLog,
            PlatformTransactionManager transactions) {
        this.auditLog = auditLog;
        this.transaction = new TransactionTemplate(transactions);
        this.templates = templates;
        this.store = store;
        this.leads = leads;
        this.mailboxes = mailboxes;
        this.engine = engine;
        this.senders = senders;
    }

    /** Emails the text (saved or not) as {@code leadId} would get it to {@code to}; says where it went, or why not on field "to". */
    public String sendTest(MessageTemplate template, String subject, String body, long leadId, String to) {
        InternetAddress recipient = address(to);
        RenderedMessage message = templates.preview(template, subject, body, leadId).message();
        String leadName = leads.find(leadId).map(dev.outreach.lead.LeadDetails::displayName).orElse("the lead");
        return send(template, message, leadName, recipient);
    }

    @Override
    public String sendTest(SequenceConfig.Step step, String to) {
        InternetAddress recipient = address(to);
        String name = step.messageTemplate() == null ? "" : step.messageTemplate().strip();
        MessageTemplate template = store.findByName(name).filter(found -> found.channel() == step.channel())
                .orElseThrow(() -> new InvalidInputException("to", "Step " + step.order() + " has no saved "
                        + (step.channel() == null ? "" : step.channel().label() + " ") + "template named '" + name + "'"));
        LeadDraft sample = MessageVariables.sampleLead();
        RenderedMessage message = templates.render(template.channel(), template.subject(), template.body(), sample,
                template.angle().orElse(Angle.INTRODUCTION));
        return send(template, message, "a sample lead (" + sample.getFirstName() + " " + sample.getLastName() + ")", recipient);
    }

    private String send(MessageTemplate template, RenderedMessage message, String leadName, InternetAddress recipient) {
        MailboxDirectory.EligibleMailbox from = mailboxes.select().eligible().stream().findFirst()
                .orElseThrow(() -> new InvalidInputException("to", "No mailbox may send now (see Email health), so no test was sent"));
        DeliveryMode mode = engine.deliveryMode();
        String notice = "TEST of the template " + template.name() + " as " + leadName
                + " would get it. It was not sent to the lead and does not count as outreach.";
        Delivery delivery = new Delivery(UUID.randomUUID(), "test", 1,
                new Delivery.Recipient(0, null, null, null, recipient.getAddress(), null, null, null, null, null),
                new Delivery.Content("[TEST] " + (message.subject().isEmpty() ? template.label() : message.subject()),
                        notice + "\n\n" + message.textBody(),
                        message.htmlBody() == null ? null
                                : "<p><strong>" + TemplateRenderer.textAsHtml(notice) + "</strong></p>\n" + message.htmlBody()),
                from.mailbox(), mode);
        DeliveryResult result;
        try (ChannelSender.SenderSession session = email().openSession()) {
            result = session.deliver(delivery);
        }
        if (result.status() != MessageStatus.SENT) {
            throw new InvalidInputException("to", "The test was not sent: " + result.reason());
        }
        log.info("Test of template {} sent from mailbox {} ({})", template.name(), from.mailbox().id(), mode);
        transaction.executeWithoutResult(status -> auditLog.record("template.test-send", "message_template",
                template.name(), null, "to " + recipient.getAddress() + " from " + from.mailbox().address() + " (" + mode + ")"));
        return "Test sent to " + recipient.getAddress() + " from " + from.mailbox().address()
                + (mode == DeliveryMode.SANDBOX ? " (SANDBOX: it is in the Sandbox outbox)" : "");
    }

    private ChannelSender email() {
        return senders.stream().filter(sender -> sender.channel() == ChannelType.EMAIL).findFirst().orElseThrow();
    }

    private static InternetAddress address(String to) {
        String value = to == null ? "" : to.strip();
        try {
            InternetAddress address = new InternetAddress(value, true);
            if (!value.contains("@") || !address.getAddress().equals(value)) {
                throw new AddressException();
            }
            return address;
        } catch (AddressException e) {
            throw new InvalidInputException("to", "Give your email address, such as you@your-company.com");
        }
    }
}
