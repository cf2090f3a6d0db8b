package dev.outreach.channel.task;

import dev.outreach.channel.ManualTaskCompleted;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.JobRuns;
import dev.outreach.shared.MessageStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The queue of manual tasks: LinkedIn messages an operator sends by hand and calls they make.
 * Senders create tasks; operators and admins close them as sent, failed or skipped; a task left
 * open past its deadline expires as failed. Every close publishes {@link ManualTaskCompleted}
 * in the closing transaction, so that the task and what listeners make of it commit together.
 */
@Service
public class ManualTaskService {

    /** The outcome recorded on a task nobody closed in time. */
    public static final String EXPIRED = "left open past its deadline";

    private static final Logger log = LoggerFactory.getLogger(ManualTaskService.class);
    private static final Set<MessageStatus> OUTCOMES = Set.of(MessageStatus.SENT, MessageStatus.FAILED,
            MessageStatus.SKIPPED);
    private static final int MAX_TEXT = 4000;
    private static final int MAX_LINK = 500;
    private static final int MAX_NOTE = 500;
    private static final int MAX_QUEUE_PAGE = 1000;
    /** Per run; a larger backlog (after downtime) drains over the next runs. */
    private static final int EXPIRY_BATCH = 500;

    private final ManualTaskRepository tasks;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration deadline;
    private final JobRuns jobs;

    ManualTaskService(ManualTaskRepository tasks, ApplicationEventPublisher events, TransactionTemplate transaction,
            Clock clock, ManualTaskProperties properties, JobRuns jobs) {
        this.tasks = tasks;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
        this.deadline = properties.deadline();
        this.jobs = jobs;
    }

    /**
     * Queues a task for the operators, due {@code outreach.manual-tasks.deadline} from now, and
     * returns its id. Refuses a text over 4000 or a link over 500 characters, naming the field.
     */
    @Transactional
    @PreAuthorize("isAuthenticated()")
    public long create(UUID messageId, long leadId, ChannelType channel, ManualTaskType type, String text,
            String link) {
        List<FieldError> errors = new ArrayList<>();
        if (text != null && text.length() > MAX_TEXT) {
            errors.add(new FieldError("text", "At most " + MAX_TEXT + " characters fit in a task, this one has "
                    + text.length()));
        }
        if (link != null && link.length() > MAX_LINK) {
            errors.add(new FieldError("link", "At most " + MAX_LINK + " characters, this one has " + link.length()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Instant now = clock.instant();
        return tasks.save(ManualTask.open(messageId, leadId, channel, type, text, link, now, now.plus(deadline)))
                .getId();
    }

    /** Open tasks of one channel, oldest first, at most {@code limit} (capped at 1000). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public List<ManualTaskView> open(ChannelType channel, int limit) {
        if (limit < 1) {
            throw new InvalidInputException("limit", "Ask for at least one task");
        }
        return tasks.findQueue(ManualTaskStatus.OPEN, channel, PageRequest.ofSize(Math.min(limit, MAX_QUEUE_PAGE)))
                .stream().map(ManualTask::view).toList();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public long countOpen(ChannelType channel) {
        return tasks.countByStatusAndChannel(ManualTaskStatus.OPEN, channel);
    }

    /**
     * Closes an open task as SENT, FAILED or SKIPPED with an optional note, records who did it and
     * publishes {@link ManualTaskCompleted}. A task that is not open is refused, naming the field.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ManualTaskView complete(long taskId, MessageStatus outcome, String note) {
        if (outcome == null || !OUTCOMES.contains(outcome)) {
            throw new InvalidInputException("outcome", "Choose SENT, FAILED or SKIPPED, not " + outcome);
        }
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        if (cleanNote != null && cleanNote.length() > MAX_NOTE) {
            throw new InvalidInputException("note", "At most " + MAX_NOTE + " characters");
        }
        ManualTask task = tasks.findForUpdate(taskId)
                .orElseThrow(() -> new InvalidInputException("taskId", "There is no task " + taskId));
        if (!task.isOpen()) {
            throw new InvalidInputException("status", "Task " + taskId + " is already closed as "
                    + task.getStatus().name().toLowerCase(Locale.ROOT) + " by " + task.getCompletedBy());
        }
        close(task, ManualTaskStatus.valueOf(outcome.name()), cleanNote, AuditLog.currentActor());
        return task.view();
    }

    /**
     * Fails every open task whose deadline has passed and returns how many. Each task is locked,
     * checked again and closed in its own transaction, so instances running this at the same
     * time, or an operator closing the task meanwhile, never close it twice.
     */
    public int expireOverdue() {
        return SystemActor.call(() -> {
            Instant now = clock.instant();
            List<Long> due = tasks.findDueIds(ManualTaskStatus.OPEN, now, PageRequest.ofSize(EXPIRY_BATCH));
            int expired = 0;
            for (Long id : due) {
                if (Boolean.TRUE.equals(transaction.execute(status -> expire(id, now)))) {
                    expired++;
                }
            }
            if (expired > 0) {
                log.info("{} manual task(s) were left open past their deadline and now count as failed", expired);
            }
            return expired;
        });
    }

    @Scheduled(fixedDelayString = "${outreach.manual-tasks.expiry-check:PT5M}")
    void scheduledExpiry() {
        jobs.call("manual-task-expiry", this::expireOverdue);
    }

    private boolean expire(long id, Instant now) {
        return tasks.findForUpdate(id).filter(ManualTask::isOpen).filter(task -> task.isDue(now))
                .map(task -> {
                    close(task, ManualTaskStatus.FAILED, EXPIRED, SystemActor.NAME);
                    return true;
                })
                .orElse(false);
    }

    private void close(ManualTask task, ManualTaskStatus status, String note, String actor) {
        Instant now = clock.instant();
        task.close(status, note, now, actor);
        events.publishEvent(new ManualTaskCompleted(task.getId(), task.getMessageId(), task.getChannel(),
                MessageStatus.valueOf(status.name()), note, actor, now));
    }
}
