package dev.outreach.channel;

import dev.outreach.shared.ChannelType;

/**
 * One implementation per channel (email, LinkedIn, contact form, phone). The dispatcher opens a
 * session per batch, so that a sender can keep connections open across the batch's deliveries.
 */
public interface ChannelSender {

    ChannelType channel();

    /** Opens a session for one dispatcher batch; close it when the batch is done. */
    SenderSession openSession();

    /** Deliveries of one batch. Not shared between threads. */
    interface SenderSession extends AutoCloseable {

        /** Makes one attempt. Delivery problems are returned as a result, never thrown. */
        DeliveryResult deliver(Delivery delivery);

        @Override
        void close();
    }
}
