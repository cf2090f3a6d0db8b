package dev.outreach.campaign;

import dev.outreach.shared.ChannelType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The campaign tables' SQL: {@code campaign}, {@code campaign_touch(_template)}, {@code campaign_sender}. */
@Component
class CampaignStore {

    private static final String COLUMNS = """
            c.id, c.name, c.description, c.owner, c.status, c.send_days, c.send_start_hour, c.send_end_hour,
            c.default_time_zone, c.new_leads_per_day, c.touches_per_day, c.max_recontact_cycles,
            c.recontact_cooldown_days, c.created_at, c.updated_at""";

    private final JdbcClient jdbc;

    CampaignStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(CampaignDraft draft, CampaignStatus status, String owner, Instant now) {
        Long sequenceId = draft.touches().isEmpty() ? null : draft.touches().getFirst().sequenceId();
        jdbc.sql("""
                insert into campaign (name, description, owner, status, sequence_id, send_days, send_start_hour,
                    send_end_hour, default_time_zone, new_leads_per_day, touches_per_day, max_recontact_cycles,
                    recontact_cooldown_days, created_at, updated_at)
                values (:name, :description, :owner, :status, :sequence, :days, :start, :end, :zone, :newLeads,
                    :touches, :cycles, :cooldown, :now, :now)
                """).params(fields(draft)).param("owner", owner).param("status", status.name())
                .param("sequence", sequenceId).param("now", Timestamp.from(now)).update();
        long id = jdbc.sql("select id from campaign where name = :name").param("name", draft.name().strip())
                .query(Long.class).single();
        writePlan(id, draft);
        return id;
    }

    void update(long id, CampaignDraft draft, Instant now) {
        jdbc.sql("""
                update campaign set name = :name, description = :description, send_days = :days,
                    send_start_hour = :start, send_end_hour = :end, default_time_zone = :zone,
                    new_leads_per_day = :newLeads, touches_per_day = :touches, max_recontact_cycles = :cycles,
                    recontact_cooldown_days = :cooldown, updated_at = :now,
                    sequence_id = coalesce(:sequence, sequence_id)
                where id = :id
                """).params(fields(draft)).param("id", id).param("now", Timestamp.from(now))
                .param("sequence", draft.touches().isEmpty() ? null : draft.touches().getFirst().sequenceId()).update();
        jdbc.sql("delete from campaign_touch where campaign_id = :id").param("id", id).update();
        jdbc.sql("delete from campaign_sender where campaign_id = :id").param("id", id).update();
        writePlan(id, draft);
    }

    private static Map<String, Object> fields(CampaignDraft draft) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("name", draft.name().strip());
        fields.put("description", draft.description());
        fields.put("days", draft.schedule().storedDays());
        fields.put("start", draft.schedule().startHour());
        fields.put("end", draft.schedule().endHour());
        fields.put("zone", draft.schedule().timeZone().strip());
        fields.put("newLeads", draft.limits().newLeadsPerDay());
        fields.put("touches", draft.limits().touchesPerDay());
        fields.put("cycles", draft.recontact().maxCycles());
        fields.put("cooldown", draft.recontact().cooldownDays());
        return fields;
    }

    private void writePlan(long id, CampaignDraft draft) {
        for (CampaignTouch touch : draft.touches()) {
            jdbc.sql("""
                    insert into campaign_touch (campaign_id, touch_order, message_type, sequence_id, delay_hours, engagement_gate)
                    values (:id, :order, :type, :sequence, :delay, :gate)
                    """).param("id", id).param("order", touch.order()).param("type", touch.messageType().strip())
                    .param("sequence", touch.sequenceId()).param("delay", touch.delayHours())
                    .param("gate", touch.engagementGate()).update();
            touch.templates().forEach((channel, template) -> jdbc.sql("""
                    insert into campaign_touch_template (campaign_id, touch_order, channel, template_name)
                    values (:id, :order, :channel, :template)
                    """).param("id", id).param("order", touch.order()).param("channel", channel.name())
                    .param("template", template.strip()).update());
        }
        insertSenders(id, "DOMAIN", draft.senders().domainIds());
        insertSenders(id, "MAILBOX", draft.senders().mailboxIds());
    }

    private void insertSenders(long id, String kind, Set<Long> ids) {
        for (Long sender : ids) {
            jdbc.sql("insert into campaign_sender (campaign_id, kind, sender_id) values (:id, :kind, :sender)")
                    .param("id", id).param("kind", kind).param("sender", sender).update();
        }
    }

    void setStatus(long id, CampaignStatus status, Instant now) {
        jdbc.sql("update campaign set status = :status, updated_at = :now where id = :id").param("status", status.name())
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    Optional<Long> idByName(String name) {
        return jdbc.sql("select id from campaign where lower(name) = lower(:name)").param("name", name.strip())
                .query(Long.class).optional();
    }

    List<CampaignSummary> summaries(boolean withArchived) {
        return jdbc.sql("select id, name, status, default_time_zone from campaign "
                + (withArchived ? "" : "where status <> 'ARCHIVED' ") + "order by name")
                .query((rs, n) -> new CampaignSummary(rs.getLong(1), rs.getString(2), CampaignStatus.valueOf(rs.getString(3)),
                        rs.getString(4)))
                .list();
    }

    Optional<CampaignDetails> find(long id) {
        return details("c.id = :id", Map.of("id", id)).stream().findFirst();
    }

    /** Every campaign in one of these statuses, with its plan: four queries whatever their number. */
    List<CampaignDetails> withStatus(Collection<CampaignStatus> statuses) {
        return details("c.status in (:statuses)", Map.of("statuses", statuses.stream().map(Enum::name).toList()));
    }

    private List<CampaignDetails> details(String where, Map<String, Object> params) {
        Map<Long, Row> rows = new LinkedHashMap<>();
        jdbc.sql("select " + COLUMNS + " from campaign c where " + where + " order by c.id").params(params)
                .query((rs, n) -> rows.put(rs.getLong("id"), row(rs))).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Object> ids = Map.of("ids", List.copyOf(rows.keySet()));
        Map<String, Map<ChannelType, String>> templates = new HashMap<>();
        jdbc.sql("select campaign_id, touch_order, channel, template_name from campaign_touch_template where campaign_id in (:ids)")
                .params(ids).query((rs, n) -> templates.computeIfAbsent(rs.getLong(1) + "/" + rs.getInt(2),
                        k -> new EnumMap<>(ChannelType.class)).put(ChannelType.valueOf(rs.getString(3)), rs.getString(4)))
                .list();
        jdbc.sql("""
                select campaign_id, touch_order, message_type, sequence_id, delay_hours, engagement_gate
                from campaign_touch where campaign_id in (:ids) order by campaign_id, touch_order
                """).params(ids).query((rs, n) -> rows.get(rs.getLong(1)).touches.add(new CampaignTouch(rs.getInt(2),
                        rs.getString(3), rs.getLong(4), templates.get(rs.getLong(1) + "/" + rs.getInt(2)), rs.getInt(5),
                        rs.getBoolean(6))))
                .list();
        jdbc.sql("select campaign_id, kind, sender_id from campaign_sender where campaign_id in (:ids)").params(ids)
                .query((rs, n) -> ("DOMAIN".equals(rs.getString(2)) ? rows.get(rs.getLong(1)).domains
                        : rows.get(rs.getLong(1)).mailboxes).add(rs.getLong(3)))
                .list();
        List<CampaignDetails> details = new ArrayList<>(rows.size());
        rows.values().forEach(row -> details.add(row.details()));
        return details;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("name"), rs.getString("description"), rs.getString("owner"),
                CampaignStatus.valueOf(rs.getString("status")),
                new CampaignSchedule(EngineSettings.parseDays(rs.getString("send_days")), rs.getInt("send_start_hour"),
                        rs.getInt("send_end_hour"), rs.getString("default_time_zone")),
                new CampaignLimits(rs.getObject("new_leads_per_day", Integer.class), rs.getObject("touches_per_day", Integer.class)),
                new RecontactPolicy(rs.getInt("max_recontact_cycles"), rs.getInt("recontact_cooldown_days")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private record Row(long id, String name, String description, String owner, CampaignStatus status,
            CampaignSchedule schedule, CampaignLimits limits, RecontactPolicy recontact, Instant createdAt,
            Instant updatedAt, List<CampaignTouch> touches, Set<Long> domains, Set<Long> mailboxes) {

        Row(long id, String name, String description, String owner, CampaignStatus status, CampaignSchedule schedule,
                CampaignLimits limits, RecontactPolicy recontact, Instant createdAt, Instant updatedAt) {
            this(id, name, description, owner, status, schedule, limits, recontact, createdAt, updatedAt,
                    new ArrayList<>(), new HashSet<>(), new HashSet<>());
        }

        CampaignDetails details() {
            return new CampaignDetails(id, name, description, owner, status, List.copyOf(touches), schedule,
                    new CampaignSenders(domains, mailboxes), limits, recontact, createdAt, updatedAt);
        }
    }
}
