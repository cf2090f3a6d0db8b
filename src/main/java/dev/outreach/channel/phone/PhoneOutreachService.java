package dev.outreach.channel.phone;

import dev.outreach.channel.ChannelSender;
import dev.outreach.channel.Delivery;
import dev.outreach.channel.DeliveryResult;
import dev.outreach.channel.task.ManualTaskService;
import dev.outreach.channel.task.ManualTaskType;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * The phone channel: a call task for an operator, with the talking points and a {@code tel:}
 * link. The operator records the outcome; it arrives as a ManualTaskCompleted event.
 *
 * <p>SANDBOX mode queues the task just as LIVE does: a task is internal to the application and
 * reaches nobody until a person decides to call.
 */
@Service
public class PhoneOutreachService implements ChannelSender {

    private final ManualTaskService tasks;

    PhoneOutreachService(ManualTaskService tasks) {
        this.tasks = tasks;
    }

    @Override
    public ChannelType channel() {
        return ChannelType.PHONE;
    }

    @Override
    public SenderSession openSession() {
        return new SenderSession() {
            @Override
            public DeliveryResult deliver(Delivery delivery) {
                return queueCall(delivery);
            }

            @Override
            public void close() {
                // nothing held open
            }
        };
    }

    private DeliveryResult queueCall(Delivery delivery) {
        String phone = delivery.recipient().phone();
        String dialable = phone == null ? "" : dialable(phone);
        if (dialable.replace("+", "").isEmpty()) {
            return DeliveryResult.skipped("lead has no phone number");
        }
        String talkingPoints = delivery.content() == null || delivery.content().textBody() == null ? ""
                : delivery.content().textBody().strip();
        try {
            long taskId = tasks.create(delivery.messageId(), delivery.recipient().leadId(), ChannelType.PHONE,
                    ManualTaskType.CALL, talkingPoints, "tel:" + dialable);
            return DeliveryResult.awaitingOperator("task:" + taskId, "call task " + taskId + ": call "
                    + phone.strip() + (talkingPoints.isEmpty() ? "" : ": " + talkingPoints));
        } catch (InvalidInputException e) {
            return DeliveryResult.hardFailure("cannot queue the call task: " + e.getMessage());
        }
    }

    /** Digits only, with a leading + kept for international numbers: what a tel: link wants. */
    static String dialable(String phone) {
        String stripped = phone.strip();
        String digits = stripped.replaceAll("[^0-9]", "");
        return stripped.startsWith("+") ? "+" + digits : digits;
    }
}
