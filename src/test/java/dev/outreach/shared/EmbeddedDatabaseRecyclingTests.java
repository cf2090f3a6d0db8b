package dev.outreach.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.outreach.deliverability.Suppression;
import dev.outreach.deliverability.SuppressionList;
import dev.outreach.security.SystemActor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The embedded database keeps saving after the pool retires the connection that ran the migrations
 * (it does so at its max lifetime, 30 minutes by default). H2 2.4 evaluated a check constraint with
 * the session that created it, so every write to a checked table failed with "The database has
 * been closed" once that connection was gone.
 */
@SpringBootTest
@ActiveProfiles("test")
class EmbeddedDatabaseRecyclingTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SuppressionList suppressions;

    record CheckedColumn(String table, String column) {
    }

    @Test
    void everyCheckedTableTakesWritesAfterEveryPooledConnectionWasRecycled() throws Exception {
        SystemActor.run(() -> suppressions.add(Suppression.Kind.DOMAIN, "recycled.example", "test"));
        List<CheckedColumn> checked = jdbc.sql("""
                select distinct u.table_name, u.column_name
                from information_schema.check_constraints c
                join information_schema.constraint_column_usage u
                  on u.constraint_schema = c.constraint_schema and u.constraint_name = c.constraint_name
                where c.constraint_schema = 'public'
                order by u.table_name, u.column_name
                """).query((rs, n) -> new CheckedColumn(rs.getString(1), rs.getString(2))).list();
        assertThat(checked).extracting(CheckedColumn::table)
                .contains("lead", "app_user", "sequence_step", "sales_engine_config", "channel_config",
                        "suppression", "message_template");

        // the demo campaign may use every sender, which is no row: an archived campaign with one sender gives the table one
        jdbc.sql("""
                insert into campaign (name, status, created_at, updated_at)
                values ('Recycling check', 'ARCHIVED', current_timestamp, current_timestamp)
                """).update();
        long campaign = jdbc.sql("select id from campaign where name = 'Recycling check'").query(Long.class).single();
        jdbc.sql("insert into campaign_sender (campaign_id, kind, sender_id) values (:id, 'DOMAIN', -1)")
                .param("id", campaign).update();
        try {
            recycleEveryPooledConnection();

            for (CheckedColumn c : checked) {
                int updated = jdbc.sql("update " + c.table() + " set " + c.column() + " = " + c.column()).update();
                assertThat(updated).as("rows written in %s after recycling", c.table()).isPositive();
            }
        } finally {
            jdbc.sql("delete from campaign where id = :id").param("id", campaign).update();
        }
    }

    /** Evicts the pool's connections and waits until no session that existed before is left in H2. */
    private void recycleEveryPooledConnection() throws Exception {
        List<Long> before = sessionIds();
        dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (sessionIds().stream().anyMatch(before::contains)) {
            assertThat(Instant.now()).as("every pooled connection closed").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private List<Long> sessionIds() {
        return jdbc.sql("select session_id from information_schema.sessions").query(Long.class).list();
    }
}
