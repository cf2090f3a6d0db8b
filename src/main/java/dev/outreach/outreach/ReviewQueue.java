package dev.outreach.outreach;

import dev.outreach.deliverability.SentFolders;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Gathers what is known about each message in doubt for the review screen, a page at a time. */
@Component
class ReviewQueue {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final OutreachStore store;
    private final DoubtResolution resolution;
    private final LeadService leads;
    private final SentFolders sentFolders;

    ReviewQueue(OutreachStore store, DoubtResolution resolution, LeadService leads, SentFolders sentFolders) {
        this.store = store;
        this.resolution = resolution;
        this.leads = leads;
        this.sentFolders = sentFolders;
    }

    List<ReviewItem> page(int offset, int limit) {
        List<InDoubt> page = store.inDoubt(offset, limit);
        if (page.isEmpty()) {
            return List.of();
        }
        Map<Long, LeadDetails> leadsById = leads.findAll(page.stream().map(d -> d.message().leadId()).distinct().toList());
        Map<Long, String> mailboxes = sentFolders.mailboxes().stream()
                .collect(Collectors.toMap(SentFolders.MailboxReach::id, SentFolders.MailboxReach::address));
        Map<Long, String> lastReplies = new HashMap<>(); // one query per mailbox of the page, not per message
        return page.stream().map(doubt -> item(doubt, Optional.ofNullable(leadsById.get(doubt.message().leadId())),
                mailboxes, mailboxId -> lastReplies.computeIfAbsent(mailboxId, this::lastReplyFrom))).toList();
    }

    private ReviewItem item(InDoubt doubt, Optional<LeadDetails> lead, Map<Long, String> mailboxes,
            Function<Long, String> lastReply) {
        OutreachMessage message = doubt.message();
        ChannelType channel = resolution.channelOf(message).orElse(null);
        List<OutreachAttempt> attempts = store.attempts(message.id());
        int tries = (int) attempts.stream().filter(a -> a.channel() == channel && a.status() != MessageStatus.SKIPPED).count();
        String mailbox = message.mailboxId() == null ? "not recorded"
                : mailboxes.getOrDefault(message.mailboxId(), "mailbox #" + message.mailboxId() + " (deleted)");
        String smtp = channel != ChannelType.EMAIL ? ""
                : message.mailboxId() != null ? lastReply.apply(message.mailboxId()) : ownLastReply(attempts);
        return new ReviewItem(message, lead.map(LeadDetails::displayName).orElse("Lead #" + message.leadId() + " (deleted)"),
                lead.map(l -> l.fields().getCompany()).orElse(""), channel, mailbox, tries, doubt.since(), smtp,
                inFlight(message, channel, lead, attempts));
    }

    private String lastReplyFrom(long mailboxId) {
        return store.lastEmailAttemptFrom(mailboxId).map(ReviewQueue::reply).orElse("none recorded");
    }

    private static String ownLastReply(List<OutreachAttempt> attempts) {
        return attempts.stream().filter(a -> a.channel() == ChannelType.EMAIL && a.status() != MessageStatus.SKIPPED)
                .reduce((first, second) -> second).map(ReviewQueue::reply).orElse("none recorded");
    }

    private static String reply(OutreachAttempt attempt) {
        String what = attempt.error() != null ? attempt.error() : attempt.success() ? "accepted" : attempt.status().name();
        return TIME.format(attempt.attemptedAt()) + ": " + what;
    }

    /**
     * The request that was in flight: its recorded details when the sender wrote them before the
     * cut, else where it was going (the lead's address, profile or form) and its subject.
     */
    private static String inFlight(OutreachMessage message, ChannelType channel, Optional<LeadDetails> lead,
            List<OutreachAttempt> attempts) {
        Optional<String> recorded = attempts.stream().filter(a -> a.channel() == channel && a.details() != null)
                .reduce((first, second) -> second).map(OutreachAttempt::details);
        if (channel == null) {
            return "";
        }
        String target = lead.map(LeadDetails::fields).map(fields -> target(channel, fields)).orElse("the lead (deleted)");
        String what = channel.label() + " to " + target + ", subject \"" + (message.subject() == null ? "" : message.subject()) + "\"";
        return recorded.map(details -> what + "; last recorded request: " + details).orElse(what);
    }

    private static String target(ChannelType channel, LeadDraft fields) {
        String value = switch (channel) {
            case EMAIL -> fields.getEmail();
            case LINKEDIN -> fields.getLinkedin();
            case CONTACT_FORM -> fields.getContactFormUrl() != null ? fields.getContactFormUrl() : fields.getWebsite();
            case PHONE -> fields.getPhone();
        };
        return value == null || value.isBlank() ? "(none on the lead)" : value;
    }
}
