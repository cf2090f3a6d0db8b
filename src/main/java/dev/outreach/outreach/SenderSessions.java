package dev.outreach.outreach;

import dev.outreach.campaign.CampaignSenders;
import dev.outreach.campaign.SequenceConfig;
import dev.outreach.channel.ChannelSender;
import dev.outreach.channel.ChannelSender.SenderSession;
import dev.outreach.channel.ChannelSettings;
import dev.outreach.deliverability.MailboxDirectory;
import dev.outreach.lead.LeadDetails;
import dev.outreach.outreach.BatchReadAhead.ChannelTries;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.DeliveryMode;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What one dispatcher batch shares: sender sessions, opened on first use and closed together,
 * and values read once per batch (sequences, channel configuration, eligible mailboxes, and what
 * the dispatcher read ahead), so that a batch of 50 messages does not read them 50 times. A
 * change made during a batch applies from the next batch. Each value is read by the loader the
 * caller gives on first use; one sender thread uses one instance.
 */
public final class SenderSessions implements AutoCloseable {

    private final Map<ChannelType, ChannelSender> senders = new EnumMap<>(ChannelType.class);
    private final Map<ChannelType, SenderSession> open = new EnumMap<>(ChannelType.class);
    private final boolean reportAttempts;
    private final StartMarks startMarks;

    private final Map<Long, SequenceConfig> plans = new HashMap<>();
    private final Map<Long, LeadDetails> leads;
    private final Map<String, Optional<String>> suppressions;
    private final Map<ChannelTries, Integer> tries;
    private final Map<ChannelType, ChannelSettings> channels = new EnumMap<>(ChannelType.class);
    private final Map<Long, EnrollmentRef> enrollments = new HashMap<>();
    private final Map<Long, CampaignSenders> campaignSenders = new HashMap<>();
    private DeliveryMode deliveryMode;
    private MailboxDirectory.Selection mailboxes;

    /**
     * {@code reportAttempts}: whether callers want every attempt in the result (send now) or not
     * (batches); {@code claim}: the token of the claim that holds the messages this sender runs.
     */
    SenderSessions(List<ChannelSender> senders, boolean reportAttempts, BatchReadAhead readAhead, UUID claim) {
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
        this.reportAttempts = reportAttempts;
        this.startMarks = new StartMarks(claim);
        this.leads = new HashMap<>(readAhead.leads());
        this.suppressions = new HashMap<>(readAhead.suppressions());
        this.tries = new HashMap<>(readAhead.tries());
    }

    boolean reportAttempts() {
        return reportAttempts;
    }

    /** Which of this sender's messages are marked started (may be in flight) and which it lost. */
    StartMarks startMarks() {
        return startMarks;
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

    /** The sequence with that id ({@code null}: the message has none). */
    SequenceConfig plan(Long sequenceId, Function<Long, SequenceConfig> load) {
        return plans.computeIfAbsent(sequenceId, load);
    }

    /** The lead, when it still exists; a missing lead is asked for again. */
    Optional<LeadDetails> lead(long leadId, Function<Long, Optional<LeadDetails>> load) {
        LeadDetails known = leads.get(leadId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<LeadDetails> loaded = load.apply(leadId);
        loaded.ifPresent(lead -> leads.put(leadId, lead));
        return loaded;
    }

    /** The suppression list's reason for an address, if it is on it. */
    Optional<String> suppression(String email, Function<String, Optional<String>> load) {
        return suppressions.computeIfAbsent(BatchReadAhead.addressKey(email), key -> load.apply(email));
    }

    /** Tries so far of one message on one channel, as the batch started (skips do not count). */
    int tries(UUID messageId, ChannelType channel, Supplier<Integer> load) {
        return tries.computeIfAbsent(new ChannelTries(messageId, channel), key -> load.get());
    }

    ChannelSettings channel(ChannelType channel, Function<ChannelType, ChannelSettings> load) {
        return channels.computeIfAbsent(channel, load);
    }

    /** What the sender needs of a message's enrollment: its re-contact cycle and its campaign. */
    record EnrollmentRef(int cycle, Long campaignId) {
        static final EnrollmentRef NONE = new EnrollmentRef(0, null);
    }

    EnrollmentRef enrollment(long enrollmentId, Function<Long, EnrollmentRef> load) {
        return enrollments.computeIfAbsent(enrollmentId, load);
    }

    /** The senders a campaign may use (every healthy one without a campaign). */
    CampaignSenders senders(Long campaignId, Function<Long, CampaignSenders> load) {
        return campaignId == null ? CampaignSenders.all() : campaignSenders.computeIfAbsent(campaignId, load);
    }

    DeliveryMode deliveryMode(Supplier<DeliveryMode> load) {
        if (deliveryMode == null) {
            deliveryMode = load.get();
        }
        return deliveryMode;
    }

    MailboxDirectory.Selection mailboxes(Supplier<MailboxDirectory.Selection> load) {
        if (mailboxes == null) {
            mailboxes = load.get();
        }
        return mailboxes;
    }

    @Override
    public void close() {
        open.values().forEach(SenderSession::close);
        open.clear();
    }
}
