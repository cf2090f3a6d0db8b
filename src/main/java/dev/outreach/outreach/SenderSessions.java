package dev.outreach.outreach;

import dev.outreach.channel.ChannelSender;
import dev.outreach.channel.ChannelSender.SenderSession;
import dev.outreach.shared.ChannelType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The sender sessions of one dispatcher batch, opened on first use and closed together. */
public final class SenderSessions implements AutoCloseable {

    private final Map<ChannelType, ChannelSender> senders = new EnumMap<>(ChannelType.class);
    private final Map<ChannelType, SenderSession> open = new EnumMap<>(ChannelType.class);

    SenderSessions(List<ChannelSender> senders) {
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
    }

    SenderSession session(ChannelType channel) {
        return open.computeIfAbsent(channel, type -> {
            ChannelSender sender = senders.get(type);
            if (sender == null) {
                throw new IllegalStateException("No sender for channel " + type);
            }
            return sender.openSession();
        });
    }

    @Override
    public void close() {
        open.values().forEach(SenderSession::close);
        open.clear();
    }
}
