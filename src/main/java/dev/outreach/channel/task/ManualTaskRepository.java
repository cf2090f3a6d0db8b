package dev.outreach.channel.task;

import dev.outreach.shared.ChannelType;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ManualTaskRepository extends JpaRepository<ManualTask, Long> {

    /** A queue, oldest first; ix_manual_task_open (status, channel, created_at) serves the filter and the order. */
    @Query("""
            select t from ManualTask t
            where t.status = :status and t.channel = :channel
            order by t.createdAt, t.id
            """)
    List<ManualTask> findQueue(@Param("status") ManualTaskStatus status, @Param("channel") ChannelType channel,
            Pageable page);

    /** Uses the status prefix of ix_manual_task_open: open tasks are a short queue, whatever the table's size. */
    long countByStatusAndChannel(ManualTaskStatus status, ChannelType channel);

    /** Ids of open tasks past their deadline, on the status prefix of ix_manual_task_open. */
    @Query("""
            select t.id from ManualTask t
            where t.status = :status and t.dueAt <= :now
            order by t.dueAt, t.id
            """)
    List<Long> findDueIds(@Param("status") ManualTaskStatus status, @Param("now") Instant now, Pageable page);

    /** Locks the row, so that two operators (or an operator and the expiry) cannot both close a task. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from ManualTask t where t.id = :id")
    Optional<ManualTask> findForUpdate(@Param("id") long id);
}
