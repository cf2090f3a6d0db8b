package dev.outreach.channel.task;

import dev.outreach.shared.ChannelType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code manual_task}: something an operator does by hand for an outreach message. */
@Entity
@Table(name = "manual_task")
class ManualTask {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "message_id")
    private UUID messageId;
    @Column(name = "lead_id", nullable = false)
    private long leadId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private ChannelType channel;
    @Enumerated(EnumType.STRING)
    @Column(name = "task_type", nullable = false, length = 30)
    private ManualTaskType taskType;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private ManualTaskStatus status;
    @Column(name = "task_text", length = 4000)
    private String taskText;
    @Column(length = 500)
    private String link;
    @Column(length = 500)
    private String outcome;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "due_at")
    private Instant dueAt;
    @Column(name = "completed_at")
    private Instant completedAt;
    @Column(name = "completed_by", length = 100)
    private String completedBy;

    protected ManualTask() {
    }

    static ManualTask open(UUID messageId, long leadId, ChannelType channel, ManualTaskType type, String text,
            String link, Instant createdAt, Instant dueAt) {
        ManualTask task = new ManualTask();
        task.messageId = messageId;
        task.leadId = leadId;
        task.channel = channel;
        task.taskType = type;
        task.status = ManualTaskStatus.OPEN;
        task.taskText = text;
        task.link = link;
        task.createdAt = createdAt;
        task.dueAt = dueAt;
        return task;
    }

    boolean isOpen() {
        return status == ManualTaskStatus.OPEN;
    }

    boolean isDue(Instant now) {
        return dueAt != null && !dueAt.isAfter(now);
    }

    void close(ManualTaskStatus outcomeStatus, String note, Instant now, String actor) {
        this.status = outcomeStatus;
        this.outcome = note;
        this.completedAt = now;
        this.completedBy = actor;
    }

    Long getId() {
        return id;
    }

    UUID getMessageId() {
        return messageId;
    }

    ChannelType getChannel() {
        return channel;
    }

    ManualTaskStatus getStatus() {
        return status;
    }

    String getCompletedBy() {
        return completedBy;
    }

    ManualTaskView view() {
        return new ManualTaskView(id, messageId, leadId, channel, taskType, status, taskText, link, outcome, createdAt,
                dueAt, completedAt, completedBy);
    }
}
