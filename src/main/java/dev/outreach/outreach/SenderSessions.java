package dev.outreach.outreach;

import dev.outreach.channel.ChannelSender;
import dev.outreach.channel.ChannelSender.SenderSession;
import dev.outreach.shared.ChannelType;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one dispatcher batch shares: sender sessions, opened on first use and closed together,
 * and settings read once per batch (channel configuration, sequences, eligible mailboxes), so
 * that a batch of 50 messages does not read them 50 times. A change made during a batch
 * applies from the next batch.
 */
public final class SenderSessions implements AutoCloseable {

    private final Map<ChannelType, ChannelSender> senders = new EnumMap<>(ChannelType.class);
    private final Map<ChannelType, SenderSession> open = new EnumMap<>(ChannelType.class);
    private final Map<String, Object> memo = new HashMap<>();
    private final boolean reportAttempts;

    /** {@code reportAttempts}: whether callers want every attempt in the result (send now) or not (batches). */
    SenderSessions(List<ChannelSender> senders, boolean reportAttempts) {
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
        this.reportAttempts = reportAttempts;
    }

    boolean reportAttempts() {
        return reportAttempts;
    }

    /** Stores a value read ahead for the whole batch, so that {@link #memo} finds it. */
    void remember(String key, Object value) {
        memo.put(key, value);
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

    /** The value for {@code key} in this batch, loaded on first use. */
    @SuppressWarnings("unchecked")
    <T> T memo(String key, Supplier<T> loader) {
        return (T) memo.computeIfAbsent(key, ignored -> loader.get());
    }

    @Override
    public void close() {
        open.values().forEach(SenderSession::close);
        open.clear();
    }
}
