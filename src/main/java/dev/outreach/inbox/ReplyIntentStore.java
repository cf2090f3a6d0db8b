package dev.outreach.inbox;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code reply_intent} and {@code reply_intent_relabel}, which the inbox owns. */
@Component
class ReplyIntentStore {

    private static final String COLUMNS = """
            reply_id, lead_id, label, source, confidence, reason, label_date, referral_name, referral_email,
            machine_label, machine_source, model_pending, classified_at, updated_at""";

    private final JdbcClient jdbc;

    ReplyIntentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The machine's first label; false when the reply has one already (read twice, or by two instances). */
    boolean insert(long replyId, long leadId, ReplyIntent intent, boolean modelPending, Instant now) {
        return jdbc.sql("""
                insert into reply_intent (reply_id, lead_id, label, source, confidence, reason, label_date, referral_name,
                    referral_email, machine_label, machine_source, model_pending, classified_at, updated_at)
                values (:replyId, :leadId, :label, :source, :confidence, :reason, :date, :referralName, :referralEmail,
                    :label, :source, :modelPending, :now, :now)
                on conflict do nothing
                """).param("replyId", replyId).param("leadId", leadId).params(intentParams(intent))
                .param("modelPending", modelPending).param("now", Timestamp.from(now)).update() == 1;
    }

    /** The model's label, unless a person labelled the reply meanwhile; false then. */
    boolean storeModelLabel(long replyId, ReplyIntent intent, Instant now) {
        return jdbc.sql("""
                update reply_intent set label = :label, source = :source, confidence = :confidence, reason = :reason,
                    label_date = :date, referral_name = :referralName, referral_email = :referralEmail,
                    machine_label = :label, machine_source = :source, model_pending = false, model_claimed_at = null,
                    updated_at = :now
                where reply_id = :replyId and model_pending and source <> 'PERSON'
                """).param("replyId", replyId).params(intentParams(intent)).param("now", Timestamp.from(now)).update() == 1;
    }

    /** A person's label: in force from now on; the machine's stays beside it. */
    void storePersonLabel(long replyId, ReplyIntent intent, Instant now) {
        jdbc.sql("""
                update reply_intent set label = :label, source = :source, confidence = :confidence, reason = :reason,
                    label_date = :date, referral_name = :referralName, referral_email = :referralEmail,
                    model_pending = false, model_claimed_at = null, updated_at = :now
                where reply_id = :replyId
                """).param("replyId", replyId).params(intentParams(intent)).param("now", Timestamp.from(now)).update();
    }

    void recordRelabel(long replyId, ReplyLabel before, IntentLabel to, String by, Instant at) {
        jdbc.sql("""
                insert into reply_intent_relabel (reply_id, from_label, from_source, to_label, relabelled_by, relabelled_at)
                values (:replyId, :fromLabel, :fromSource, :to, :by, :at)
                """).param("replyId", replyId).param("fromLabel", before.intent().label().name())
                .param("fromSource", before.intent().source().name()).param("to", to.name()).param("by", by)
                .param("at", Timestamp.from(at)).update();
    }

    Optional<ReplyLabel> find(long replyId) {
        return jdbc.sql("select " + COLUMNS + " from reply_intent where reply_id = :replyId").param("replyId", replyId)
                .query((rs, n) -> label(rs)).optional();
    }

    /** The labels of a page of replies, in one query (by the primary key). */
    List<ReplyLabel> findAll(Collection<Long> replyIds) {
        if (replyIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from reply_intent where reply_id in (:ids)").param("ids", List.copyOf(replyIds))
                .query((rs, n) -> label(rs)).list();
    }

    /** Replies whose model answer is due and unclaimed (or whose claim is older than {@code staleBefore}), oldest first. */
    List<Long> modelDue(Instant staleBefore, int limit) {
        return jdbc.sql("""
                select reply_id from reply_intent
                where model_pending and (model_claimed_at is null or model_claimed_at < :stale)
                order by classified_at, reply_id fetch first :limit rows only
                """).param("stale", Timestamp.from(staleBefore)).param("limit", limit).query(Long.class).list();
    }

    /** This instance takes the reply for the model; false when another one has it. */
    boolean claimForModel(long replyId, Instant now, Instant staleBefore) {
        return jdbc.sql("""
                update reply_intent set model_claimed_at = :now
                where reply_id = :replyId and model_pending and (model_claimed_at is null or model_claimed_at < :stale)
                """).param("replyId", replyId).param("now", Timestamp.from(now)).param("stale", Timestamp.from(staleBefore))
                .update() == 1;
    }

    /** Marks the reply's label announced; false when it was already (by this call's race or earlier). */
    boolean markAnnounced(long replyId, Instant now) {
        return jdbc.sql("update reply_intent set announced_at = :now where reply_id = :replyId and announced_at is null")
                .param("replyId", replyId).param("now", Timestamp.from(now)).update() == 1;
    }

    /** Replies labelled before {@code before} whose label is not announced yet, oldest first (ix_reply_intent_unannounced). */
    List<Long> unannounced(Instant before, int limit) {
        return jdbc.sql("""
                select reply_id from reply_intent where announced_at is null and classified_at < :before
                order by classified_at, reply_id fetch first :limit rows only
                """).param("before", Timestamp.from(before)).param("limit", limit).query(Long.class).list();
    }

    long labelled() {
        return jdbc.sql("select count(*) from reply_intent").query(Long.class).single();
    }

    /** Per machine source: replies a person relabelled, and how many of them carry the machine's label now. */
    List<Object[]> reviewedBySource() {
        return jdbc.sql("""
                select i.machine_source, count(*), sum(case when i.label = i.machine_label then 1 else 0 end)
                from reply_intent i
                where exists (select 1 from reply_intent_relabel r where r.reply_id = i.reply_id)
                group by i.machine_source
                """).query((rs, n) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3)}).list();
    }

    private static java.util.Map<String, Object> intentParams(ReplyIntent intent) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("label", intent.label().name());
        params.put("source", intent.source().name());
        params.put("confidence", intent.confidence());
        params.put("reason", intent.reason().length() > 300 ? intent.reason().substring(0, 299) + "…" : intent.reason());
        params.put("date", intent.date().map(Date::valueOf).orElse(null));
        params.put("referralName", intent.referralName().orElse(null));
        params.put("referralEmail", intent.referralEmail().orElse(null));
        return params;
    }

    private static ReplyLabel label(ResultSet rs) throws SQLException {
        Date date = rs.getDate("label_date");
        ReplyIntent intent = new ReplyIntent(IntentLabel.valueOf(rs.getString("label")),
                Optional.ofNullable(date).map(Date::toLocalDate), Optional.ofNullable(rs.getString("referral_name")),
                Optional.ofNullable(rs.getString("referral_email")), rs.getDouble("confidence"), rs.getString("reason"),
                IntentSource.valueOf(rs.getString("source")));
        return new ReplyLabel(rs.getLong("reply_id"), rs.getLong("lead_id"), intent, IntentLabel.valueOf(rs.getString("machine_label")),
                IntentSource.valueOf(rs.getString("machine_source")), rs.getBoolean("model_pending"),
                rs.getTimestamp("classified_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
