package dev.outreach.cadence.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import dev.outreach.security.Role;
import dev.outreach.support.KaribuTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class RecontactStatsViewTests extends KaribuTest {

    @Autowired
    JdbcClient jdbc;

    private List<Long> leads;

    @AfterEach
    void removeEnrollments() {
        jdbc.sql("delete from enrollment where lead_id in (:ids)").param("ids", leads).update();
    }

    private void enroll(long lead, String status, int cycle, Instant lastSent, Instant cycleReset) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into enrollment (lead_id, status, re_contact_cycle, last_email_sent_at, cycle_reset_at, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)
                """).params(lead, status, cycle, lastSent == null ? null : Timestamp.from(lastSent),
                cycleReset == null ? null : Timestamp.from(cycleReset), now, now).update();
    }

    @Test
    void anOperatorSeesEligibleRecycledAndTheCycleDistribution() {
        leads = jdbc.sql("""
                select id from lead where status = 'NEW' and email is not null
                  and not exists (select 1 from enrollment e where e.lead_id = lead.id)
                order by id fetch first 3 rows only
                """).query(Long.class).list();
        Instant now = Instant.now();
        enroll(leads.get(0), "CONTACTED", 0, now.minus(91, ChronoUnit.DAYS), null);   // eligible
        enroll(leads.get(1), "CONTACTED", 1, now.minus(10, ChronoUnit.DAYS), now.minus(5, ChronoUnit.DAYS)); // recycled lately
        enroll(leads.get(2), "ACTIVE", 1, now.minus(1, ChronoUnit.DAYS), now.minus(40, ChronoUnit.DAYS));
        login("olivia", Role.OPERATOR);

        UI.getCurrent().navigate(RecontactStatsView.class);

        RecontactStatsView view = _get(RecontactStatsView.class);
        assertThat(view.eligible.getText()).startsWith("1 lead is eligible");
        assertThat(view.recycled.getText()).startsWith("1 started a new cycle in the last 30 days");
        // other tests share this database: the bars must show what it holds per cycle (two of them ours)
        String chart = view.distribution.getElement().getOuterHTML();
        assertThat(chart).contains("<svg").contains("First contact");
        for (int cycle = 0; cycle <= 4; cycle++) {
            long count = jdbc.sql("select count(*) from enrollment where re_contact_cycle = ?").param(cycle)
                    .query(Long.class).single();
            String label = cycle == 0 ? "First contact" : "Cycle " + cycle;
            assertThat(chart).as("bar of %s", label)
                    .containsPattern(label + "</text>\\s*<rect[^>]*>(</rect>)?\\s*<text[^>]*>" + count + "</text>");
        }
        assertThat(jdbc.sql("select count(*) from enrollment where re_contact_cycle = 1").query(Long.class).single())
                .isGreaterThanOrEqualTo(2);
    }
}
