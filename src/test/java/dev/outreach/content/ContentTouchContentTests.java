package dev.outreach.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.cadence.TouchContent;
import dev.outreach.cadence.TouchContent.DueTouch;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import dev.outreach.support.KaribuTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sequencer tick gets the content module's writer, with the cycle's angle and the touch's message type. */
class ContentTouchContentTests extends KaribuTest {

    @Autowired
    List<TouchContent> writers;
    @Autowired
    LeadService leads;
    @Autowired
    JdbcClient jdbc;

    private TouchContent writer() {
        return writers.stream().filter(ContentTouchContent.class::isInstance).findFirst().orElseThrow();
    }

    @Test
    void theTickWritesTouchesFromTheTemplatesOfTheCyclesAngle() {
        long leadId = ContentTestLeads.create(leads, "Kai", "Tide Lines");
        long enrollment = ContentTestEnrollments.create(jdbc, leadId, 3, "1:industry_trends,2:competitor_insight");

        List<TouchContent.Draft> drafts = SystemActor.call(() -> writer().draftAll(List.of(
                new DueTouch(enrollment, leadId, 0, 3), new DueTouch(enrollment, leadId, 3, 3))));

        TouchContent.Draft first = drafts.get(0);
        TouchContent.Draft last = drafts.get(1);
        assertThat(first.messageType()).isEqualTo("initial");
        assertThat(first.subject()).isEqualTo("Getting Tide Lines ready for the busy season");
        assertThat(first.body()).startsWith("Hi Kai,");
        assertThat(last.messageType()).isEqualTo("final");
        assertThat(last.subject()).isEqualTo("Closing the loop, Kai");
        assertThat(ContentTestEnrollments.anglesUsed(jdbc, enrollment))
                .isEqualTo("1:industry_trends,2:competitor_insight,3:seasonal_opportunity");
    }

    @Test
    void aLeadInTwoCampaignsGetsEachCampaignsOwnAngles() {
        long leadId = ContentTestLeads.create(leads, "Ada", "Slipway Goods");
        // in the first campaign the lead saw industry trends in cycle 1; the second campaign is new to it
        long first = ContentTestEnrollments.create(jdbc, leadId, campaign(), 2, "1:industry_trends");
        long second = ContentTestEnrollments.create(jdbc, leadId, campaign(), 2, "1:competitor_insight");
        // the second enrollment changed last: a lookup by lead and cycle would take it for both
        jdbc.sql("update enrollment set updated_at = :later where id = :id")
                .param("later", Timestamp.from(Instant.now().plusSeconds(60))).param("id", second).update();

        TouchContent.Draft inFirst = SystemActor.call(() -> writer().draft(new DueTouch(first, leadId, 0, 2)));
        TouchContent.Draft inSecond = SystemActor.call(() -> writer().draftAll(List.of(new DueTouch(second, leadId, 0, 2))))
                .getFirst();

        assertThat(inFirst.subject()).as("cycle 2 of the first campaign: competitor insight, unseen there")
                .isEqualTo("How other Logistics teams are winning deals");
        assertThat(inSecond.subject()).as("cycle 2 of the second campaign: competitor insight was seen there, so the next")
                .isEqualTo("Getting Slipway Goods ready for the busy season");
        assertThat(ContentTestEnrollments.anglesUsed(jdbc, first)).isEqualTo("1:industry_trends,2:competitor_insight");
        assertThat(ContentTestEnrollments.anglesUsed(jdbc, second)).isEqualTo("1:competitor_insight,2:seasonal_opportunity");
    }

    @Test
    void aBatchRemembersTheAnglesOfEnrollmentsWithAndWithoutEarlierOnes() {
        long seenOne = ContentTestLeads.create(leads, "Noor", "Harbour Freight");
        long firstTime = ContentTestLeads.create(leads, "Ivo", "Kestrel Labs");
        long introduction = ContentTestLeads.create(leads, "Lu", "Anvil Works");
        long withRow = ContentTestEnrollments.create(jdbc, seenOne, 2, "1:industry_trends");
        long withoutRow = ContentTestEnrollments.create(jdbc, firstTime, 1, "");
        long cycleZero = ContentTestEnrollments.create(jdbc, introduction, 0, "");

        List<TouchContent.Draft> drafts = SystemActor.call(() -> writer().draftAll(List.of(
                new DueTouch(withRow, seenOne, 0, 2), new DueTouch(withoutRow, firstTime, 0, 1),
                new DueTouch(cycleZero, introduction, 0, 0))));

        assertThat(drafts).extracting(TouchContent.Draft::subject).containsExactly(
                "How other Logistics teams are winning deals", "What is changing in Logistics this year",
                "Quick question about Anvil Works");
        assertThat(ContentTestEnrollments.anglesUsed(jdbc, withRow)).isEqualTo("1:industry_trends,2:competitor_insight");
        assertThat(ContentTestEnrollments.anglesUsed(jdbc, withoutRow)).isEqualTo("1:industry_trends");
        assertThat(ContentTestEnrollments.anglesUsed(jdbc, cycleZero)).as("the introduction is not recorded").isEmpty();
    }

    private long campaign() {
        String name = "Content " + UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("insert into campaign (name, status, created_at, updated_at) values (?, 'ACTIVE', ?, ?)")
                .params(name, now, now).update();
        return jdbc.sql("select id from campaign where name = ?").param(name).query(Long.class).single();
    }
}
