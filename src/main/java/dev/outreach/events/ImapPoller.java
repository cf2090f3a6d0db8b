package dev.outreach.events;

import dev.outreach.security.SystemActor;
import dev.outreach.shared.JobRuns;
import dev.outreach.shared.SchedulingProperties;
import dev.outreach.shared.SecretCipher;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Reads replies and bounces from every mailbox with IMAP settings, every
 * {@code outreach.imap.poll-interval}. Each mailbox is polled under its own ShedLock lock
 * ({@code imap-poll-<mailbox id>}), so across the cluster one instance at a time reads it while
 * different mailboxes are read by whichever instance gets there first.
 *
 * <p>New mail is read by UID after the last UID seen in the folder ({@code imap_folder_position},
 * with the UIDVALIDITY it was seen under); a poll reads at most
 * {@code outreach.imap.max-messages-per-poll} and the next one goes on from there, so a poll's
 * cost follows the new mail, not the size of the inbox. On the
 * first poll, or when the inbox's UIDVALIDITY changed (its UIDs were renumbered, so the stored
 * position means nothing), the poller starts again from the mail received in the last
 * {@code outreach.imap.initial-lookback}; whatever it reads twice has no second effect, since
 * replies and events are stored under the mail's own Message-ID.
 */
@Service
class ImapPoller {

    private static final Logger log = LoggerFactory.getLogger(ImapPoller.class);

    /** What one poll of one mailbox did. */
    record PollOutcome(int read, int replies, int bounces, int unsubscribes, int automatic, Optional<String> error) {
    }

    private final ImapMailboxes mailboxes;
    private final InboundMailRecorder recorder;
    private final SecretCipher secrets;
    private final ImapProperties properties;
    private final LockingTaskExecutor locks;
    private final Clock clock;
    private final JobRuns jobs;
    private final Duration lockAtMostFor;

    ImapPoller(ImapMailboxes mailboxes, InboundMailRecorder recorder, SecretCipher secrets, ImapProperties properties,
            LockProvider lockProvider, Clock clock, JobRuns jobs, SchedulingProperties scheduling) {
        this.mailboxes = mailboxes;
        this.recorder = recorder;
        this.secrets = secrets;
        this.properties = properties;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
        this.clock = clock;
        this.jobs = jobs;
        this.lockAtMostFor = scheduling.lockAtMostFor();
    }

    @Scheduled(fixedDelayString = "${outreach.imap.poll-interval:1m}", initialDelayString = "${outreach.imap.poll-interval:1m}")
    void scheduledPoll() {
        if (properties.enabled()) {
            jobs.call("imap-poller", this::pollAll);
        }
    }

    /** Polls every mailbox not being polled elsewhere; returns how many this call polled. */
    int pollAll() {
        return SystemActor.call(() -> {
            int polled = 0;
            for (ImapMailbox mailbox : mailboxes.pollable()) {
                if (pollUnderLock(mailbox).isPresent()) {
                    polled++;
                }
            }
            return polled;
        });
    }

    /** Empty when another instance holds the mailbox's lock. */
    Optional<PollOutcome> pollUnderLock(ImapMailbox mailbox) {
        LockConfiguration lock = new LockConfiguration(ClockProvider.now(), "imap-poll-" + mailbox.id(),
                lockAtMostFor, Duration.ZERO);
        try {
            LockingTaskExecutor.TaskResult<PollOutcome> result = locks.executeWithLock(() -> poll(mailbox), lock);
            return result.wasExecuted() ? Optional.ofNullable(result.getResult()) : Optional.empty();
        } catch (Throwable unexpected) {
            log.error("Polling mailbox {} failed", mailbox.id(), unexpected);
            return Optional.of(new PollOutcome(0, 0, 0, 0, 0, Optional.of(String.valueOf(unexpected.getMessage()))));
        }
    }

    private PollOutcome poll(ImapMailbox mailbox) {
        Instant now = clock.instant();
        String password;
        try {
            password = secrets.decrypt(mailbox.encryptedPassword());
        } catch (IllegalStateException e) {
            return failed(mailbox, "The IMAP password cannot be decrypted: was OUTREACH_SECRET_KEY changed?", now);
        }
        Progress progress = new Progress();
        try (ImapInbox inbox = ImapInbox.open(mailbox, password, properties)) {
            long uidValidity = inbox.uidValidity();
            progress.uidValidity = uidValidity;
            Optional<ImapMailbox.FolderPosition> stored = mailbox.position().filter(p -> p.validFor(uidValidity));
            if (mailbox.position().isPresent() && stored.isEmpty()) {
                log.info("Mailbox {}: UIDVALIDITY changed from {} to {}; reading the last {} again", mailbox.id(),
                        mailbox.position().get().uidValidity(), uidValidity, properties.initialLookback());
            }
            progress.lastUid = stored.isPresent() ? stored.get().lastUid()
                    : inbox.uidBefore(now.minus(properties.initialLookback()));
            for (Message message : inbox.after(progress.lastUid, properties.maxMessagesPerPoll())) {
                long uid = inbox.uid(message);
                Optional<InboundMail> mail = read(mailbox, message, progress.uidValidity, uid, now);
                if (mail.isPresent()) {
                    try {
                        record(mailbox, mail.get(), progress);
                    } catch (RuntimeException e) {
                        log.warn("Mailbox {}: mail UID {} could not be recorded; trying again next poll", mailbox.id(), uid, e);
                        mailboxes.savePosition(mailbox.id(), progress.uidValidity, progress.lastUid, now);
                        return failed(mailbox, progress, "Could not record mail UID " + uid + ": " + e.getMessage(), now);
                    }
                }
                progress.read++;
                progress.lastUid = uid;
            }
            mailboxes.saveProgress(mailbox.id(), progress.uidValidity, progress.lastUid, now);
            if (progress.replies + progress.bounces + progress.unsubscribes > 0) {
                log.info("Mailbox {}: {} new mail, {} replies, {} bounce and complaint reports, {} unsubscribes, {} automatic answers",
                        mailbox.id(), progress.read, progress.replies, progress.bounces, progress.unsubscribes,
                        progress.automatic);
            }
            return progress.outcome(Optional.empty());
        } catch (MessagingException | RuntimeException e) {
            if (progress.uidValidity != null && progress.lastUid != null) {
                mailboxes.savePosition(mailbox.id(), progress.uidValidity, progress.lastUid, now);
            }
            String error = ImapFailures.describe(e, mailbox);
            log.warn("Mailbox {}: {}", mailbox.id(), error);
            log.debug("Mailbox {} poll failure", mailbox.id(), e);
            return failed(mailbox, progress, error, now);
        }
    }

    /** A message that cannot be parsed is skipped (it would fail every time); a lost connection ends the poll. */
    private Optional<InboundMail> read(ImapMailbox mailbox, Message message, long uidValidity, long uid, Instant now)
            throws MessagingException {
        try {
            return Optional.of(InboundMail.read(message, "uid:" + mailbox.id() + ":" + uidValidity + ":" + uid, now));
        } catch (FolderClosedException | StoreClosedException connectionLost) {
            throw connectionLost;
        } catch (MessagingException | IOException | RuntimeException unreadable) {
            log.warn("Mailbox {}: mail UID {} could not be read and is skipped: {}", mailbox.id(), uid,
                    unreadable.getMessage());
            return Optional.empty();
        }
    }

    private void record(ImapMailbox mailbox, InboundMail mail, Progress progress) {
        switch (mail) {
            case InboundMail.Report report -> {
                if (recorder.recordReport(mailbox.id(), report)) {
                    progress.bounces++;
                }
            }
            case InboundMail.Reply reply -> {
                if (recorder.recordReply(mailbox.id(), reply)) {
                    progress.replies++;
                }
            }
            case InboundMail.Unsubscribe unsubscribe -> {
                if (recorder.recordUnsubscribe(mailbox.id(), unsubscribe)) {
                    progress.unsubscribes++;
                }
            }
            case InboundMail.Complaint complaint -> {
                if (recorder.recordComplaint(mailbox.id(), complaint)) {
                    progress.bounces++;
                }
            }
            case InboundMail.AutoReply automatic -> {
                progress.automatic++;
                boolean ours = recorder.recordAutoReply(mailbox.id(), automatic);
                log.debug("Mailbox {}: {} is an automatic answer ({}), not a reply{}", mailbox.id(), automatic.key(),
                        automatic.reason(), ours ? "; the lead's enrollments are paused" : "");
            }
            case InboundMail.Challenge challenge -> {
                progress.automatic++;
                if (recorder.recordChallenge(mailbox.id(), challenge)) {
                    log.info("Mailbox {}: {} is a challenge-response ({}); the lead's email channel is flagged",
                            mailbox.id(), challenge.key(), challenge.reason());
                }
            }
            case InboundMail.Other other -> log.trace("Mailbox {}: {} is not about our mail", mailbox.id(), other.key());
        }
    }

    private PollOutcome failed(ImapMailbox mailbox, String error, Instant now) {
        return failed(mailbox, new Progress(), error, now);
    }

    private PollOutcome failed(ImapMailbox mailbox, Progress progress, String error, Instant now) {
        mailboxes.saveError(mailbox.id(), error, now);
        return progress.outcome(Optional.of(error));
    }

    /** How far one poll got: kept so that a poll that fails halfway does not read the same mail again. */
    private static final class Progress {
        Long uidValidity;
        Long lastUid;
        int read;
        int replies;
        int bounces;
        int unsubscribes;
        int automatic;

        PollOutcome outcome(Optional<String> error) {
            return new PollOutcome(read, replies, bounces, unsubscribes, automatic, error);
        }
    }
}
