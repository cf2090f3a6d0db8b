package dev.outreach.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.content.DraftResult.Drafted;
import dev.outreach.content.DraftResult.Skipped;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.support.KaribuTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Templates only (no LLM endpoint configured): the angle per cycle picks the template and is remembered. */
class ContentServiceTests extends KaribuTest {

    @Autowired
    ContentService content;
    @Autowired
    LeadService leads;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theFirstContactUsesTheIntroductionTemplateWithTheLeadFilledIn() {
        long leadId = ContentTestLeads.create(leads, "Mira", "Harbour & Sons");
        long enrollment = ContentTestEnrollments.create(jdbc, leadId, 0, "");

        Drafted drafted = (Drafted) draft(enrollment, leadId, ChannelType.EMAIL, "cold_outreach", 1, 0);

        assertThat(drafted.angle()).isEqualTo(Angle.INTRODUCTION);
        assertThat(drafted.templateName()).isEqualTo("email-initial");
        assertThat(drafted.source()).isEqualTo(DraftResult.Source.TEMPLATE);
        assertThat(drafted.message().subject()).isEqualTo("Quick question about Harbour & Sons");
        assertThat(drafted.message().textBody()).startsWith("Hi Mira,").contains("Logistics teams around Rotterdam")
                .contains("Outreach Team").contains("unsubscribe");
        assertThat(drafted.message().htmlBody()).contains("Harbour &amp; Sons").contains("<br>");
        assertThat(ContentTestEnrollments.anglesUsed(jdbc, enrollment)).isEmpty();
    }

    @Test
    void eachReContactCycleTakesTheNextAngleKeepsItForItsFollowUpsAndNeverRepeatsOne() {
        long leadId = ContentTestLeads.create(leads, "Omar", "Delta Freight");
        long enrollment = ContentTestEnrollments.create(jdbc, leadId, 1, "");

        Drafted first = (Drafted) draft(enrollment, leadId, ChannelType.EMAIL, "initial", 1, 1);
        Drafted followUp = (Drafted) draft(enrollment, leadId, ChannelType.EMAIL, "follow_up", 2, 1);
        assertThat(first.angle()).isEqualTo(Angle.INDUSTRY_TRENDS);
        assertThat(first.templateName()).isEqualTo("email-initial-industry-trends");
        assertThat(first.message().subject()).isEqualTo("What is changing in Logistics this year");
        assertThat(followUp.angle()).isEqualTo(Angle.INDUSTRY_TRENDS);
        assertThat(followUp.templateName()).as("no angle variant: the shared follow-up").isEqualTo("email-follow-up");

        for (int cycle = 2; cycle <= 4; cycle++) {
            draft(enrollment, leadId, ChannelType.EMAIL, "initial", 1, cycle);
        }
        assertThat(ContentTestEnrollments.anglesUsed(jdbc, enrollment))
                .isEqualTo("1:industry_trends,2:competitor_insight,3:seasonal_opportunity,4:case_study");

        DraftResult fifth = draft(enrollment, leadId, ChannelType.EMAIL, "initial", 1, 5);
        assertThat(fifth).isInstanceOfSatisfying(Skipped.class, skipped ->
                assertThat(skipped.reason()).startsWith("Every angle was used in earlier cycles"));
    }

    @Test
    void aLeadThatSawAnAngleInAnotherWayGetsTheNextUnseenOne() {
        long leadId = ContentTestLeads.create(leads, "Ines", "Quay Storage");
        long enrollment = ContentTestEnrollments.create(jdbc, leadId, 1, "industry_trends");

        Drafted drafted = (Drafted) draft(enrollment, leadId, ChannelType.EMAIL, "initial", 1, 1);

        assertThat(drafted.angle()).isEqualTo(Angle.COMPETITOR_INSIGHT);
        assertThat(ContentTestEnrollments.anglesUsed(jdbc, enrollment)).isEqualTo("industry_trends,1:competitor_insight");
    }

    @Test
    void linkedInAndTheContactFormUseTheirOwnTemplates() {
        long leadId = ContentTestLeads.create(leads, "Lea", "Pier Nine");

        Drafted note = (Drafted) draft(null, leadId, ChannelType.LINKEDIN, "linkedin-connect", 2, 0);
        Drafted form = (Drafted) draft(null, leadId, ChannelType.CONTACT_FORM, "initial", 3, 0);

        assertThat(note.templateName()).isEqualTo("linkedin-connect");
        assertThat(note.message().textBody()).startsWith("Hi Lea,").hasSizeLessThanOrEqualTo(300);
        assertThat(note.message().htmlBody()).isNull();
        assertThat(form.message().textBody()).startsWith("Hello Pier Nine team,");
    }

    @Test
    void theChannelsTemplateNamesPickTheTemplateAndAMissingNameFallsBackToTheMessageType() {
        long leadId = ContentTestLeads.create(leads, "Noor", "Canal Works");
        String seeded = jdbc.sql("select templates from channel_config where channel = 'EMAIL'").query(String.class).single();
        try {
            // an admin points the first touch at the final template: its type decides the angle variants too
            emailTemplates("{\"initial\":\"email-final\",\"follow_up\":\"email-follow-up\",\"final\":\"email-final\"}");
            assertThat(((Drafted) draft(null, leadId, ChannelType.EMAIL, "initial", 1, 0)).templateName())
                    .isEqualTo("email-final");

            // names the configuration refuses, written around it: the touch is still written, from the type's template
            emailTemplates("{\"initial\":\"email-welcome\"}");
            assertThat(((Drafted) draft(null, leadId, ChannelType.EMAIL, "initial", 1, 0)).templateName())
                    .isEqualTo("email-initial");
            emailTemplates("{\"initial\":\"linkedin-dm\"}");
            assertThat(((Drafted) draft(null, leadId, ChannelType.EMAIL, "initial", 1, 0)).templateName())
                    .as("another channel's template is not used").isEqualTo("email-initial");
        } finally {
            emailTemplates(seeded);
        }
    }

    private void emailTemplates(String json) {
        jdbc.sql("update channel_config set templates = :json where channel = 'EMAIL'").param("json", json).update();
    }

    private DraftResult draft(Long enrollment, long leadId, ChannelType channel, String type, int touch, int cycle) {
        LeadDetails lead = SystemActor.call(() -> leads.find(leadId)).orElseThrow();
        return SystemActor.call(() -> content.draft(new DraftRequest(enrollment, lead, channel, type, touch, cycle)));
    }
}
