package dev.outreach.content;

import dev.outreach.shared.ChannelType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code message_template} (a few dozen rows at most). */
@Repository
class TemplateStore {

    private static final String COLUMNS = "id, name, channel, message_type, angle, subject, body, updated_at, updated_by";

    private final JdbcClient jdbc;

    TemplateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<MessageTemplate> findAll() {
        return jdbc.sql("select " + COLUMNS + " from message_template order by channel, message_type, angle nulls first")
                .query(TemplateStore::map).list();
    }

    Optional<MessageTemplate> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from message_template where id = ?").param(id)
                .query(TemplateStore::map).optional();
    }

    Optional<MessageTemplate> lockForUpdate(long id) {
        return jdbc.sql("select " + COLUMNS + " from message_template where id = ? for update").param(id)
                .query(TemplateStore::map).optional();
    }

    Optional<MessageTemplate> findByName(String name) {
        return jdbc.sql("select " + COLUMNS + " from message_template where name = ?").param(name)
                .query(TemplateStore::map).optional();
    }

    /** The angle's own template when there is one, else the one every angle shares. */
    Optional<MessageTemplate> find(ChannelType channel, String messageType, Angle angle) {
        return jdbc.sql("select " + COLUMNS + """
                 from message_template
                 where channel = :channel and message_type = :type and (angle = :angle or angle is null)
                 order by angle nulls last
                 fetch first 1 rows only
                """).param("channel", channel.name()).param("type", messageType).param("angle", angle.code())
                .query(TemplateStore::map).optional();
    }

    void insert(NewTemplate template, String messageType, Instant at, String by) {
        jdbc.sql("""
                insert into message_template (name, channel, message_type, angle, subject, body, updated_at, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                """).params(template.name(), template.channel().name(), messageType,
                template.angle() == null ? null : template.angle().code(), template.subject(), template.body(),
                Timestamp.from(at), by).update();
    }

    /** The template for exactly this key (a null angle matches only the template every angle shares). */
    Optional<MessageTemplate> findExactly(ChannelType channel, String messageType, Angle angle) {
        return jdbc.sql("select " + COLUMNS + " from message_template where channel = :channel and message_type = :type"
                        + " and (angle = :angle or (angle is null and cast(:angle as varchar(30)) is null))")
                .param("channel", channel.name()).param("type", messageType).param("angle", angle == null ? null : angle.code())
                .query(TemplateStore::map).optional();
    }

    void update(long id, String subject, String body, Instant at, String by) {
        jdbc.sql("update message_template set subject = ?, body = ?, updated_at = ?, updated_by = ? where id = ?")
                .params(subject, body, Timestamp.from(at), by, id).update();
    }

    private static MessageTemplate map(ResultSet rs, int row) throws SQLException {
        String angle = rs.getString("angle");
        return new MessageTemplate(rs.getLong("id"), rs.getString("name"), ChannelType.valueOf(rs.getString("channel")),
                rs.getString("message_type"), angle == null ? Optional.empty() : Angle.fromCode(angle),
                rs.getString("subject"), rs.getString("body"), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("updated_by"));
    }
}
