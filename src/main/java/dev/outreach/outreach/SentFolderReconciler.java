package dev.outreach.outreach;

import dev.outreach.deliverability.SentFolders;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.JobRuns;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Resolves messages in doubt without a person where the mail servers can tell: an email in doubt
 * is looked for, by our Message-ID, in the sent folder of every mailbox with IMAP (Gmail and
 * Microsoft 365 file there what was submitted over SMTP). Found: SENT, "confirmed from the sent
 * folder", at the found message's date. Still missing {@code outreach.dispatch.doubt.sent-folder-wait}
 * after the doubt began (time for the server to file it): PENDING again, unless a mailbox without
 * IMAP could have sent it or {@code always-review} is set, when it is kept for a person on the
 * review screen. LinkedIn, contact forms and calls cannot be checked this way and are kept for a
 * person at once. A message kept for a person is not looked for again.
 */
@Service
public class SentFolderReconciler {

    private static final Logger log = LoggerFactory.getLogger(SentFolderReconciler.class);

    /** The reason of a message the reconciler handed to a person starts with this. */
    static final String KEPT = "Kept for review: ";
    static final String CONFIRMED = "Confirmed from the sent folder";

    /** What one run did. */
    public record Outcome(int confirmed, int sentAgain, int keptForReview, int stillLooking) {

        boolean changedAnything() {
            return confirmed + sentAgain + keptForReview > 0;
        }
    }

    private final OutreachStore store;
    private final DoubtResolution resolution;
    private final SentFolders sentFolders;
    private final DoubtProperties properties;
    private final Clock clock;
    private final JobRuns jobs;

    SentFolderReconciler(OutreachStore store, DoubtResolution resolution, SentFolders sentFolders,
            DoubtProperties properties, Clock clock, JobRuns jobs) {
        this.store = store;
        this.resolution = resolution;
        this.sentFolders = sentFolders;
        this.properties = properties;
        this.clock = clock;
        this.jobs = jobs;
    }

    @Scheduled(fixedDelayString = "${outreach.dispatch.doubt.interval:1m}",
            initialDelayString = "${outreach.dispatch.doubt.interval:1m}")
    @SchedulerLock(name = "sent-folder-reconciler") // the default bound, kept alive while it runs
    void scheduledRun() {
        if (!properties.reconcile()) {
            return;
        }
        try {
            Outcome outcome = jobs.call("sent-folder-reconciler", () -> SystemActor.call(this::reconcile));
            if (outcome.changedAnything()) {
                log.info("Messages in doubt: {} confirmed from a sent folder, {} sent again, {} kept for review",
                        outcome.confirmed(), outcome.sentAgain(), outcome.keptForReview());
            }
        } catch (RuntimeException e) {
            log.warn("The sent-folder reconciler failed; its messages stay in doubt until the next run: {}", e.toString());
        }
    }

    /** One run over the messages in doubt not yet handed to a person. */
    public Outcome reconcile() {
        List<InDoubt> open = store.inDoubtToReconcile(KEPT, properties.batchSize());
        if (open.isEmpty()) {
            return new Outcome(0, 0, 0, 0);
        }
        Counts counts = new Counts();
        List<InDoubt> emails = new ArrayList<>();
        for (InDoubt doubt : open) {
            Optional<ChannelType> channel = resolution.channelOf(doubt.message());
            if (channel.isPresent() && channel.get() == ChannelType.EMAIL) {
                emails.add(doubt);
            } else {
                keep(doubt, channel.map(c -> "a " + c.label() + " request was in flight, which no server can be asked about; "
                        + "check it where it was sent").orElse("its step is no longer in its sequence"), counts);
            }
        }
        if (!emails.isEmpty()) {
            reconcileEmails(emails, counts);
        }
        return new Outcome(counts.confirmed, counts.sentAgain, counts.kept, counts.looking);
    }

    private void reconcileEmails(List<InDoubt> emails, Counts counts) {
        List<SentFolders.MailboxReach> mailboxes = sentFolders.mailboxes();
        String withoutImap = mailboxes.stream().filter(m -> !m.imap()).map(SentFolders.MailboxReach::address)
                .collect(Collectors.joining(", "));
        if (mailboxes.stream().noneMatch(SentFolders.MailboxReach::imap)) {
            emails.forEach(doubt -> keep(doubt, "no mailbox has IMAP, so no sent folder can be checked", counts));
            return;
        }
        SentFolders.Search search = sentFolders.search(emails.stream().map(d -> d.message().id()).toList(),
                properties.imapTimeout());
        Instant now = clock.instant();
        for (InDoubt doubt : emails) {
            SentFolders.Found found = search.found().get(doubt.message().id());
            if (found != null) {
                if (resolution.confirmSent(doubt.message(), ChannelType.EMAIL,
                        new DoubtResolution.SentVia(found.mailboxId(), found.mailboxAddress(), found.messageIdHeader()),
                        found.sentAt(), CONFIRMED + " of " + found.mailboxAddress(), "outreach.doubt-confirmed")) {
                    counts.confirmed++;
                }
            } else if (now.isBefore(doubt.since().plus(properties.sentFolderWait())) || !search.unread().isEmpty()) {
                counts.looking++; // the server may not have filed it yet, or a sent folder could not be read: next run
            } else if (!withoutImap.isEmpty()) {
                keep(doubt, "not in the sent folder of any mailbox with IMAP, but " + withoutImap
                        + " has no IMAP and may have sent it", counts);
            } else if (properties.alwaysReview()) {
                keep(doubt, "not in any sent folder after " + properties.sentFolderWait().toMinutes()
                        + " minutes; the settings say a person decides (always review)", counts);
            } else if (resolution.sendAgain(doubt.message(), "Not in the sent folder after "
                    + properties.sentFolderWait().toMinutes() + " minutes, so it did not go out: sent again",
                    "outreach.doubt-resend")) {
                counts.sentAgain++;
            }
        }
    }

    private void keep(InDoubt doubt, String why, Counts counts) {
        String before = doubt.message().statusReason();
        String reason = KEPT + why + (before == null || before.isBlank() ? "" : ". " + before);
        if (store.explainDoubt(doubt.message().id(), reason, clock.instant())) {
            counts.kept++;
        }
    }

    private static final class Counts {
        int confirmed;
        int sentAgain;
        int kept;
        int looking;
    }
}
