package dev.outreach.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.cadence.TouchContent;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import dev.outreach.support.KaribuTest;
import java.util.List;
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

    @Test
    void theTickWritesTouchesFromTheTemplatesOfTheCyclesAngle() {
        TouchContent writer = writers.stream().filter(ContentTouchContent.class::isInstance).findFirst().orElseThrow();
        long leadId = ContentTestLeads.create(leads, "Kai", "Tide Lines");
        long enrollment = ContentTestEnrollments.create(jdbc, leadId, 3, "1:industry_trends,2:competitor_insight");

        TouchContent.Draft first = SystemActor.call(() -> writer.draft(leadId, 0, 3));
        TouchContent.Draft last = SystemActor.call(() -> writer.draft(leadId, 3, 3));

        assertThat(first.messageType()).isEqualTo("initial");
        assertThat(first.subject()).isEqualTo("Getting Tide Lines ready for the busy season");
        assertThat(first.body()).startsWith("Hi Kai,");
        assertThat(last.messageType()).isEqualTo("final");
        assertThat(last.subject()).isEqualTo("Closing the loop, Kai");
        assertThat(ContentTestEnrollments.anglesUsed(jdbc, enrollment))
                .isEqualTo("1:industry_trends,2:competitor_insight,3:seasonal_opportunity");
    }
}
