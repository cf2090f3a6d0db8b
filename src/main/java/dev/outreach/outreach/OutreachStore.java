package dev.outreach.outreach;

import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SQL for outreach messages and attempts. Callers own the transactions. */
@Component
class OutreachStore {

    private static final String MESSAGE_COLUMNS = """
            id, lead_id, enrollment_id, touch, message_type, channel_used, subject, body, status, mailbox_id,
            provider_message_id, status_reason, needs_review, due_at, sent_at, created_at, sequence_id, step_index,
            waiting_for, first_channel""";

    private final JdbcClient jdbc;
    private final org.springframework.transaction.support.TransactionTemplate transaction;
    /** PostgreSQL claims in one statement (UPDATE ... RETURNING); H2, the embedded mode, in two. */
    private final boolean postgres;

    OutreachStore(JdbcClient jdbc, javax.sql.DataSource dataSource,
            org.springframework.transaction.support.TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.postgres = isPostgres(dataSource);
    }

    private static boolean isPostgres(javax.sql.DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }

    void insert(OutreachMessage message, Instant now) {
        jdbc.sql("""
                insert into outreach_message (id, lead_id, enrollment_id, touch, message_type, subject, body, status,
                    due_at, created_at, updated_at, sequence_id, step_index, first_channel)
                values (:id, :leadId, :enrollmentId, :touch, :messageType, :subject, :body, :status,
                    :dueAt, :now, :now, :sequenceId, 0, :firstChannel)
                """)
                .param("id", message.id()).param("leadId", message.leadId())
                .param("enrollmentId", message.enrollmentId()).param("touch", message.touch())
                .param("messageType", message.messageType()).param("subject", message.subject())
                .param("body", message.body()).param("status", message.status().name())
                .param("dueAt", ts(message.dueAt())).param("now", ts(now)).param("sequenceId", message.sequenceId())
                .param("firstChannel", message.firstChannel() == null ? null : message.firstChannel().name())
                .update();
    }

    /** Makes a message just inserted an answer in the lead's thread ({@link ThreadedAnswer}). */
    void recordAnswer(UUID id, long mailboxId, Optional<String> inReplyTo, List<String> references) {
        jdbc.sql("""
                update outreach_message set pinned_mailbox_id = :mailboxId, in_reply_to = :inReplyTo,
                    reference_ids = :references
                where id = :id
                """).param("id", id).param("mailboxId", mailboxId).param("inReplyTo", inReplyTo.orElse(null))
                .param("references", references.isEmpty() ? null : String.join(" ", references)).update();
    }

    /** The mailbox and threading headers of an answer ({@link ThreadedAnswer#isOne}); empty for any other message. */
    Optional<ThreadedAnswer> answer(UUID id) {
        return jdbc.sql("""
                select pinned_mailbox_id, in_reply_to, reference_ids from outreach_message
                where id = :id and message_type = :type
                """).param("id", id).param("type", ThreadedAnswer.MESSAGE_TYPE)
                .query((rs, n) -> new ThreadedAnswer(Optional.ofNullable(rs.getObject("pinned_mailbox_id", Long.class)),
                        Optional.ofNullable(rs.getString("in_reply_to")), rs.getString("reference_ids") == null ? List.of()
                                : List.of(rs.getString("reference_ids").split(" "))))
                .optional();
    }

    /** The lead's answers from the console, newest first (ix_outreach_message_lead, then the type). */
    List<OutreachMessage> answersTo(long leadId, int limit) {
        return jdbc.sql("select " + MESSAGE_COLUMNS + """
                 from outreach_message where lead_id = :leadId and message_type = :type
                order by created_at desc, id fetch first :limit rows only""").param("leadId", leadId)
                .param("type", ThreadedAnswer.MESSAGE_TYPE).param("limit", limit).query(OutreachStore::message).list();
    }

    Optional<OutreachMessage> find(UUID id) {
        return jdbc.sql("select " + MESSAGE_COLUMNS + " from outreach_message where id = :id").param("id", id)
                .query(OutreachStore::message).optional();
    }

    /**
     * Claims due PENDING messages: locks them skipping rows other dispatchers hold, and marks them
     * SENDING with a lease and the claim's token, atomically. A claimed message is not in doubt
     * until a sender marks it started ({@link #markStarted}). Relies on ix_outreach_message_claim.
     * On PostgreSQL it is one statement, so it needs no transaction around it: one round trip per
     * claim.
     */
    List<UUID> claimDue(Instant now, int batchSize, Instant leaseUntil, UUID claim) {
        if (postgres) {
            return jdbc.sql(CLAIM_POSTGRES).param("now", ts(now)).param("batch", batchSize).param("lease", ts(leaseUntil))
                    .param("claim", claim).query(UUID.class).list();
        }
        return transaction.execute(status -> claimInTwoStatements(now, batchSize, leaseUntil, claim));
    }

    private List<UUID> claimInTwoStatements(Instant now, int batchSize, Instant leaseUntil, UUID claim) {
        List<UUID> ids = jdbc.sql("""
                select id from outreach_message
                where status = 'PENDING' and waiting_for is null and due_at <= :now
                order by due_at
                fetch first :batch rows only
                for update skip locked
                """).param("now", ts(now)).param("batch", batchSize).query(UUID.class).list();
        if (!ids.isEmpty()) {
            jdbc.sql("""
                    update outreach_message set status = 'SENDING', lease_until = :lease, claim_token = :claim,
                        send_started_at = null, updated_at = :now
                    where id in (:ids)
                    """).param("lease", ts(leaseUntil)).param("now", ts(now)).param("claim", claim).param("ids", ids)
                    .update();
        }
        return ids;
    }

    /** The claim as one round trip; bench/claim.sql runs exactly this statement through pgbench. */
    static final String CLAIM_POSTGRES = """
            update outreach_message set status = 'SENDING', lease_until = :lease, claim_token = :claim,
                send_started_at = null, updated_at = :now
            where id in (select id from outreach_message
                         where status = 'PENDING' and waiting_for is null and due_at <= :now
                         order by due_at
                         fetch first :batch rows only
                         for update skip locked)
            returning id
            """;

    /**
     * Renews the leases of claimed messages a sender has yet to work on; returns those still
     * held by {@code claim}. A message flagged for review or returned to PENDING meanwhile (its
     * batch outlasted the lease), and perhaps claimed again since, is not in the result and must
     * be left alone.
     */
    Set<UUID> renewLeases(Collection<UUID> ids, Instant leaseUntil, Instant now, UUID claim) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return transaction.execute(status -> {
            jdbc.sql("""
                    update outreach_message set lease_until = :lease, updated_at = :now
                    where id in (:ids) and status = 'SENDING' and not needs_review and claim_token = :claim
                    """).param("ids", ids).param("lease", ts(leaseUntil)).param("now", ts(now)).param("claim", claim)
                    .update();
            return Set.copyOf(jdbc.sql("""
                    select id from outreach_message
                    where id in (:ids) and status = 'SENDING' and not needs_review and claim_token = :claim
                    """).param("ids", ids).param("claim", claim).query(UUID.class).list()); // just updated, locked until commit
        });
    }

    /** Claims one given message if it is still PENDING (the operator's "send now"). */
    boolean claim(UUID id, Instant now, Instant leaseUntil, UUID claim) {
        return jdbc.sql("""
                update outreach_message set status = 'SENDING', lease_until = :lease, claim_token = :claim,
                    send_started_at = null, updated_at = :now
                where id = :id and status = 'PENDING' and waiting_for is null
                """).param("id", id).param("lease", ts(leaseUntil)).param("claim", claim).param("now", ts(now))
                .update() == 1;
    }

    /**
     * Marks a claimed message started: a sender is about to make a network call for it, so from
     * now until its outcome is stored it may have reached the other side. False when
     * {@code claim} no longer holds it (its lease ran out and it was flagged or returned, perhaps
     * claimed again since): the sender must leave it alone. Relies on the primary key.
     */
    boolean markStarted(UUID id, UUID claim, Instant now) {
        return jdbc.sql("""
                update outreach_message set send_started_at = :now, updated_at = :now
                where id = :id and claim_token = :claim and status = 'SENDING' and not needs_review
                """).param("id", id).param("claim", claim).param("now", ts(now)).update() == 1;
    }

    /**
     * Returns claimed messages no sender will call for to PENDING at once, due as they were (a
     * stopping instance's share): only those {@code claim} still holds. Returns how many.
     */
    int release(Collection<UUID> ids, UUID claim, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                update outreach_message set status = 'PENDING', lease_until = null, claim_token = null,
                    send_started_at = null, updated_at = :now
                where id in (:ids) and claim_token = :claim and status = 'SENDING' and not needs_review
                """).param("ids", ids).param("claim", claim).param("now", ts(now)).update();
    }

    /** {@link #release} for every message of the claims that no sender has started. */
    int releaseUnstarted(Collection<UUID> claims, Instant now) {
        if (claims.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                update outreach_message set status = 'PENDING', lease_until = null, claim_token = null, updated_at = :now
                where claim_token in (:claims) and status = 'SENDING' and not needs_review and send_started_at is null
                """).param("claims", claims).param("now", ts(now)).update();
    }

    void recordAttempt(UUID messageId, ChannelType channel, int attemptNumber, MessageStatus status, String error,
            Instant at, Instant nextRetryAt, String details) {
        recordAttempt(messageId, channel, attemptNumber, status, error, at, nextRetryAt, details, false);
    }

    /** {@code unconfirmed}: SENT, but the other side did not confirm it (see DeliveryResult). */
    void recordAttempt(UUID messageId, ChannelType channel, int attemptNumber, MessageStatus status, String error,
            Instant at, Instant nextRetryAt, String details, boolean unconfirmed) {
        jdbc.sql("""
                insert into outreach_attempt (message_id, channel, attempt_number, status, error, attempted_at,
                    next_retry_at, details, unconfirmed)
                values (:messageId, :channel, :attemptNumber, :status, :error, :at, :nextRetryAt, :details, :unconfirmed)
                """)
                .param("unconfirmed", unconfirmed)
                .param("messageId", messageId).param("channel", channel.name()).param("attemptNumber", attemptNumber)
                .param("status", status.name()).param("error", truncate(error, 2000)).param("at", ts(at))
                .param("nextRetryAt", ts(nextRetryAt)).param("details", truncate(details, 20000))
                .update();
    }

    // The transitions of a message once the sequencer (or an operator's task) has decided. Each
    // ends the SENDING lease except fallBack, which keeps the message claimed for its next step.

    /** SENT on {@code channel} (with the mailbox and provider id when there are). */
    void markSent(UUID id, int stepIndex, ChannelType channel, Long mailboxId, String providerMessageId, Instant sentAt,
            Instant now) {
        jdbc.sql("""
                update outreach_message set status = 'SENT', step_index = :stepIndex, channel_used = :channel,
                    mailbox_id = coalesce(:mailboxId, mailbox_id),
                    provider_message_id = coalesce(:providerMessageId, provider_message_id),
                    status_reason = null, waiting_for = null, sent_at = coalesce(:sentAt, sent_at),
                    lease_until = null, claim_token = null, send_started_at = null, updated_at = :now
                where id = :id
                """).param("id", id).param("stepIndex", stepIndex).param("channel", channel.name())
                .param("mailboxId", mailboxId).param("providerMessageId", providerMessageId).param("sentAt", ts(sentAt))
                .param("now", ts(now)).update();
    }

    /** PENDING again on the same step, due at {@code due} (a soft failure's retry). */
    void scheduleRetry(UUID id, int stepIndex, Long mailboxId, String reason, Instant due, Instant now) {
        pending(id, stepIndex, mailboxId, reason, due, now);
    }

    /** PENDING on {@code stepIndex}, due at {@code until}: nothing was sent and nothing failed. */
    void defer(UUID id, int stepIndex, String reason, Instant until, Instant now) {
        pending(id, stepIndex, null, reason, until, now);
    }

    private void pending(UUID id, int stepIndex, Long mailboxId, String reason, Instant due, Instant now) {
        jdbc.sql("""
                update outreach_message set status = 'PENDING', step_index = :stepIndex, channel_used = null,
                    mailbox_id = coalesce(:mailboxId, mailbox_id), status_reason = :reason, due_at = :due,
                    waiting_for = null, lease_until = null, claim_token = null, send_started_at = null, updated_at = :now
                where id = :id
                """).param("id", id).param("stepIndex", stepIndex).param("mailboxId", mailboxId)
                .param("reason", truncate(reason, 500)).param("due", ts(due)).param("now", ts(now)).update();
    }

    /**
     * Still SENDING (the lease kept), on the next step: the sequencer tries it at once. The
     * started mark is set again, for the next step's call, in the same commit as this outcome.
     */
    void fallBack(UUID id, int nextStepIndex, Long mailboxId, String reason, Instant now) {
        jdbc.sql("""
                update outreach_message set status = 'SENDING', step_index = :stepIndex, channel_used = null,
                    mailbox_id = coalesce(:mailboxId, mailbox_id), status_reason = :reason, waiting_for = null,
                    send_started_at = :now, updated_at = :now
                where id = :id
                """).param("id", id).param("stepIndex", nextStepIndex).param("mailboxId", mailboxId)
                .param("reason", truncate(reason, 500)).param("now", ts(now)).update();
    }

    /** PENDING until the operator closes {@code task} (see {@link #messageWaitingFor}). */
    void awaitOperator(UUID id, int stepIndex, ChannelType channel, Long mailboxId, String task, Instant now) {
        jdbc.sql("""
                update outreach_message set status = 'PENDING', step_index = :stepIndex, channel_used = :channel,
                    mailbox_id = coalesce(:mailboxId, mailbox_id), status_reason = :reason, waiting_for = :task,
                    lease_until = null, claim_token = null, send_started_at = null, updated_at = :now
                where id = :id
                """).param("id", id).param("stepIndex", stepIndex).param("channel", channel.name())
                .param("mailboxId", mailboxId).param("reason", truncate("Waiting for an operator (" + task + ")", 500))
                .param("task", task).param("now", ts(now)).update();
    }

    /**
     * The enrollments' messages still waiting in the outbox (PENDING, held or not) end SKIPPED with
     * the reason; one claimed or in flight is left to its sender. Returns how many.
     */
    int skipWaiting(Collection<Long> enrollmentIds, String reason, Instant now) {
        return enrollmentIds.isEmpty() ? 0 : jdbc.sql("""
                update outreach_message set status = 'SKIPPED', status_reason = :reason, waiting_for = null,
                    updated_at = :now
                where enrollment_id in (:ids) and status = 'PENDING'
                """).param("ids", enrollmentIds).param("reason", truncate(reason, 500)).param("now", ts(now)).update();
    }

    /** The message ends with {@code status} (SKIPPED, FAILED) and the reason. */
    void finish(UUID id, int stepIndex, MessageStatus status, String reason, Instant now) {
        jdbc.sql("""
                update outreach_message set status = :status, step_index = :stepIndex, channel_used = null,
                    status_reason = :reason, waiting_for = null, lease_until = null, claim_token = null,
                    send_started_at = null, updated_at = :now
                where id = :id
                """).param("id", id).param("status", status.name()).param("stepIndex", stepIndex)
                .param("reason", truncate(reason, 500)).param("now", ts(now)).update();
    }

    /**
     * In doubt after the call: the other side may have the message but never said so (the
     * connection dropped after the email's final dot, before the server's reply). It stays
     * SENDING and is flagged for review with the reason; it is never sent again by itself.
     */
    void markInDoubt(UUID id, int stepIndex, ChannelType channel, Long mailboxId, String providerMessageId,
            String reason, Instant now) {
        jdbc.sql("""
                update outreach_message set needs_review = true, step_index = :stepIndex, channel_used = :channel,
                    mailbox_id = coalesce(:mailboxId, mailbox_id),
                    provider_message_id = coalesce(:providerMessageId, provider_message_id), status_reason = :reason,
                    lease_until = null, claim_token = null, updated_at = :now
                where id = :id and status = 'SENDING'
                """).param("id", id).param("stepIndex", stepIndex).param("channel", channel.name())
                .param("mailboxId", mailboxId).param("providerMessageId", providerMessageId)
                .param("reason", truncate(reason, 500)).param("now", ts(now)).update();
    }

    /**
     * PENDING messages that wait because no mailbox could send ({@link SendRules#NO_HEALTHY_MAILBOX},
     * {@link SendRules#EVERY_MAILBOX_FULL}) are due {@code now}; returns how many. Reads the PENDING
     * range of ix_outreach_message_claim.
     */
    int dueNowWaitingForAMailbox(Instant now) {
        return jdbc.sql("""
                update outreach_message set due_at = :now, updated_at = :now
                where status = 'PENDING' and waiting_for is null and due_at > :now
                  and (status_reason like :noMailbox or status_reason like :full)
                """).param("now", ts(now)).param("noMailbox", SendRules.NO_HEALTHY_MAILBOX + "%")
                .param("full", SendRules.EVERY_MAILBOX_FULL + "%").update();
    }

    /** The email service provider's own id of the sent message (its relay's "queued as" id), which its events name. */
    void recordRelayMessageId(UUID id, String relayMessageId) {
        jdbc.sql("update outreach_message set relay_message_id = :relayId where id = :id")
                .param("id", id).param("relayId", truncate(relayMessageId, 200)).update();
    }

    List<OutreachAttempt> attempts(UUID messageId) {
        return jdbc.sql("""
                select id, message_id, channel, attempt_number, status, error, attempted_at, next_retry_at, details,
                    unconfirmed
                from outreach_attempt where message_id = :id order by attempted_at, id
                """).param("id", messageId).query(OutreachStore::attempt).list();
    }

    /** Several messages in one query, in the order of {@code ids}. */
    List<OutreachMessage> findAll(List<UUID> ids) {
        var byId = new java.util.HashMap<UUID, OutreachMessage>();
        jdbc.sql("select " + MESSAGE_COLUMNS + " from outreach_message where id in (:ids)").param("ids", ids)
                .query(OutreachStore::message).list().forEach(m -> byId.put(m.id(), m));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** {@link #triesOn} for every message and channel of a batch that has tries, in one query. */
    java.util.Map<BatchReadAhead.ChannelTries, Integer> tryCounts(List<UUID> ids) {
        var counts = new java.util.HashMap<BatchReadAhead.ChannelTries, Integer>();
        jdbc.sql("""
                select message_id, channel, count(*) from outreach_attempt
                where message_id in (:ids) and status <> 'SKIPPED' group by message_id, channel
                """).param("ids", ids)
                .query((rs, n) -> counts.put(new BatchReadAhead.ChannelTries(rs.getObject(1, UUID.class),
                        ChannelType.valueOf(rs.getString(2))), rs.getInt(3))).list();
        return counts;
    }

    /** Attempts on one channel that count against its retries (skips do not). */
    /** The re-contact cycle of a message's enrollment (0 without one): it picks the cycle's mailbox. */
    /** The enrollment's re-contact cycle and campaign, in one read (cycle 0, no campaign when it is gone). */
    SenderSessions.EnrollmentRef enrollmentRef(Long enrollmentId) {
        if (enrollmentId == null) {
            return SenderSessions.EnrollmentRef.NONE;
        }
        return jdbc.sql("select re_contact_cycle, campaign_id from enrollment where id = :id").param("id", enrollmentId)
                .query((rs, n) -> new SenderSessions.EnrollmentRef(rs.getInt(1), rs.getObject(2, Long.class)))
                .optional().orElse(SenderSessions.EnrollmentRef.NONE);
    }

    int triesOn(UUID messageId, ChannelType channel) {
        return jdbc.sql("""
                select count(*) from outreach_attempt
                where message_id = :id and channel = :channel and status <> 'SKIPPED'
                """).param("id", messageId).param("channel", channel.name()).query(Integer.class).single();
    }

    List<OutreachMessage> forLead(long leadId, int limit) {
        return jdbc.sql("select " + MESSAGE_COLUMNS + """
                 from outreach_message where lead_id = :leadId order by created_at desc, id
                fetch first :limit rows only""").param("leadId", leadId).param("limit", limit)
                .query(OutreachStore::message).list();
    }

    /** The lead's last email that went out (ix_outreach_message_lead, newest first). */
    java.util.Optional<UUID> lastEmailTo(long leadId) {
        return jdbc.sql("""
                select id from outreach_message
                where lead_id = :leadId and channel_used = 'EMAIL' and sent_at is not null
                order by created_at desc, id fetch first 1 rows only
                """).param("leadId", leadId).query(UUID.class).optional();
    }

    /** Recent messages for the history view, newest first; filters are appended only when set. */
    List<OutreachMessage> recent(MessageFilter filter, int offset, int limit) {
        StringBuilder sql = new StringBuilder("select " + MESSAGE_COLUMNS + " from outreach_message where 1 = 1");
        var params = new java.util.HashMap<String, Object>();
        if (filter.status() != null) {
            sql.append(" and status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.channel() != null) {
            sql.append(" and channel_used = :channel");
            params.put("channel", filter.channel().name());
        }
        if (filter.needsReview()) {
            sql.append(" and needs_review");
        }
        if (filter.leadId() != null) {
            sql.append(" and lead_id = :leadId");
            params.put("leadId", filter.leadId());
        }
        sql.append(" order by created_at desc, id offset :offset rows fetch next :limit rows only");
        params.put("offset", offset);
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(OutreachStore::message).list();
    }

    /**
     * Messages whose SENDING lease ran out: their sender died or hung. One that a sender had
     * started may have gone out: it is flagged for review, never re-sent. One no sender started
     * cannot have: it is PENDING again, due as it was, with no attempt recorded. Relies on
     * ix_outreach_message_claim's status prefix (few rows are SENDING at any time).
     */
    ExpiredLeases flagExpiredLeases(Instant now) {
        return transaction.execute(status -> {
            int flagged = jdbc.sql("""
                    update outreach_message set needs_review = true,
                        status_reason = 'Sending was interrupted (crash or restart): check whether it went out before resending',
                        claim_token = null, updated_at = :now
                    where status = 'SENDING' and lease_until < :now and not needs_review and send_started_at is not null
                    """).param("now", ts(now)).update();
            int returned = jdbc.sql("""
                    update outreach_message set status = 'PENDING', lease_until = null, claim_token = null, updated_at = :now
                    where status = 'SENDING' and lease_until < :now and not needs_review and send_started_at is null
                    """).param("now", ts(now)).update();
            return new ExpiredLeases(flagged, returned);
        });
    }

    /** What {@link #flagExpiredLeases} did: messages flagged for review, and unstarted ones returned to PENDING. */
    record ExpiredLeases(int flagged, int returned) {
    }

    /** Closes the attempt that waited for an operator with the operator's outcome. */
    void completeWaitingAttempt(UUID messageId, ChannelType channel, MessageStatus outcome, String error) {
        jdbc.sql("""
                update outreach_attempt set status = :status, error = :error
                where message_id = :messageId and channel = :channel and status = 'PENDING'
                """).param("messageId", messageId).param("channel", channel.name()).param("status", outcome.name())
                .param("error", error).update();
    }

    // A message in doubt: SENDING with needs_review, flagged when its lease ran out (the send may or
    // may not have gone out). The queries below find them through ix_outreach_message_claim (status first).

    /** Messages in doubt, longest in doubt first; {@code since} is when the doubt began (the lease's end). */
    List<InDoubt> inDoubt(int offset, int limit) {
        return jdbc.sql("select " + MESSAGE_COLUMNS + """
                , coalesce(lease_until, updated_at) as doubt_since from outreach_message
                where status = 'SENDING' and needs_review
                order by coalesce(lease_until, updated_at), id offset :offset rows fetch next :limit rows only
                """).param("offset", offset).param("limit", limit).query(OutreachStore::inDoubt).list();
    }

    /** Messages in doubt that the sent-folder reconciler has not yet handed to a person. */
    List<InDoubt> inDoubtToReconcile(String keptPrefix, int limit) {
        return jdbc.sql("select " + MESSAGE_COLUMNS + """
                , coalesce(lease_until, updated_at) as doubt_since from outreach_message
                where status = 'SENDING' and needs_review
                    and (status_reason is null or status_reason not like :kept)
                order by coalesce(lease_until, updated_at), id fetch first :limit rows only
                """).param("kept", keptPrefix + "%").param("limit", limit).query(OutreachStore::inDoubt).list();
    }

    int countInDoubt() {
        return jdbc.sql("select count(*) from outreach_message where status = 'SENDING' and needs_review")
                .query(Integer.class).single();
    }

    /**
     * Ends a message's doubt: SENT (on {@code channel}, with the mailbox, Message-ID and time it went
     * out when known), PENDING again due at once, or SKIPPED (dropped). Only a message still in doubt
     * changes, so two people (or a person and the reconciler) settling it at once settle it once.
     */
    boolean settleDoubt(UUID id, MessageStatus status, String reason, ChannelType channel, Long mailboxId,
            String providerMessageId, Instant sentAt, Instant now) {
        return jdbc.sql("""
                update outreach_message set status = :status, needs_review = false, lease_until = null,
                    claim_token = null, send_started_at = null,
                    status_reason = :reason, channel_used = :channel, waiting_for = null,
                    mailbox_id = coalesce(:mailboxId, mailbox_id),
                    provider_message_id = coalesce(:providerMessageId, provider_message_id),
                    sent_at = coalesce(:sentAt, sent_at), due_at = coalesce(:due, due_at), updated_at = :now
                where id = :id and needs_review and status = 'SENDING'
                """).param("id", id).param("status", status.name()).param("reason", truncate(reason, 500))
                .param("channel", status == MessageStatus.SENT && channel != null ? channel.name() : null)
                .param("mailboxId", mailboxId).param("providerMessageId", providerMessageId).param("sentAt", ts(sentAt))
                .param("due", status == MessageStatus.PENDING ? ts(now) : null).param("now", ts(now)).update() == 1;
    }

    /** Keeps a message in doubt for a person, saying why; false when it is no longer in doubt. */
    boolean explainDoubt(UUID id, String reason, Instant now) {
        return jdbc.sql("""
                update outreach_message set status_reason = :reason, updated_at = :now
                where id = :id and needs_review and status = 'SENDING'
                """).param("id", id).param("reason", truncate(reason, 500)).param("now", ts(now)).update() == 1;
    }

    /**
     * The latest email try of the messages sent from a mailbox: what its SMTP server last answered.
     * No index leads from a mailbox to its messages; the review screen asks this for the few
     * mailboxes of its page.
     */
    Optional<OutreachAttempt> lastEmailAttemptFrom(long mailboxId) {
        return jdbc.sql("""
                select a.id, a.message_id, a.channel, a.attempt_number, a.status, a.error, a.attempted_at,
                    a.next_retry_at, a.details, a.unconfirmed
                from outreach_attempt a join outreach_message m on m.id = a.message_id
                where m.mailbox_id = :mailboxId and a.channel = 'EMAIL' and a.status <> 'SKIPPED'
                order by a.attempted_at desc, a.id desc fetch first 1 rows only
                """).param("mailboxId", mailboxId).query(OutreachStore::attempt).optional();
    }

    Optional<UUID> messageWaitingFor(String waitingFor) {
        return jdbc.sql("select id from outreach_message where waiting_for = :w").param("w", waitingFor)
                .query(UUID.class).optional();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static ChannelType channel(String value) {
        return value == null ? null : ChannelType.valueOf(value);
    }

    static OutreachMessage message(ResultSet rs, int row) throws SQLException {
        return new OutreachMessage(rs.getObject("id", UUID.class), rs.getLong("lead_id"),
                rs.getObject("enrollment_id", Long.class), rs.getInt("touch"), rs.getString("message_type"),
                channel(rs.getString("channel_used")), rs.getString("subject"), rs.getString("body"),
                MessageStatus.valueOf(rs.getString("status")), rs.getObject("mailbox_id", Long.class),
                rs.getString("provider_message_id"), rs.getString("status_reason"), rs.getBoolean("needs_review"),
                instant(rs, "due_at"), instant(rs, "sent_at"), instant(rs, "created_at"),
                rs.getObject("sequence_id", Long.class), rs.getInt("step_index"), rs.getString("waiting_for"),
                channel(rs.getString("first_channel")));
    }

    private static InDoubt inDoubt(ResultSet rs, int row) throws SQLException {
        return new InDoubt(message(rs, row), instant(rs, "doubt_since"));
    }

    static OutreachAttempt attempt(ResultSet rs, int row) throws SQLException {
        return new OutreachAttempt(rs.getLong("id"), rs.getObject("message_id", UUID.class),
                ChannelType.valueOf(rs.getString("channel")), rs.getInt("attempt_number"),
                MessageStatus.valueOf(rs.getString("status")), rs.getString("error"), instant(rs, "attempted_at"),
                instant(rs, "next_retry_at"), rs.getString("details"), rs.getBoolean("unconfirmed"));
    }
}
