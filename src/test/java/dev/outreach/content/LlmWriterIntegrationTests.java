package dev.outreach.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.content.DraftResult.Drafted;
import dev.outreach.content.DraftResult.Skipped;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The LLM path against an OpenAI-compatible stub over real HTTP on loopback. */
@SpringBootTest
@ActiveProfiles("test")
class LlmWriterIntegrationTests {

    static final OpenAiStub STUB = new OpenAiStub();

    @DynamicPropertySource
    static void llm(DynamicPropertyRegistry registry) {
        registry.add("outreach.llm.base-url", STUB::baseUrl);
        registry.add("outreach.llm.api-key", () -> "test-key");
        registry.add("outreach.llm.model", () -> "stub-model");
        registry.add("outreach.llm.timeout", () -> "5s");
    }

    @Autowired
    ContentService content;
    @Autowired
    LeadService leads;
    @Autowired
    JdbcClient jdbc;

    @AfterAll
    static void stop() {
        STUB.close();
    }

    @BeforeEach
    void reset() {
        STUB.requests.clear();
        jdbc.sql("update sales_engine_config set max_generation_failures = 3 where id = 1").update();
    }

    @Test
    void thePromptCarriesTheCycleTheAngleAndTheLeadAndTheAnswerIsTheMessage() {
        long leadId = ContentTestLeads.create(leads, "Nadia", "Canal Cargo");
        long enrollment = ContentTestEnrollments.create(jdbc, leadId, 2, "1:industry_trends");
        STUB.answer("Subject: Nadia, a thought on Canal Cargo's rivals\n\nHi Nadia,\nHere is what <b>we</b> see.\nBest");

        Drafted drafted = (Drafted) draft(enrollment, leadId, ChannelType.EMAIL, "initial", 1, 2);

        assertThat(STUB.requests).hasSize(1);
        assertThat(STUB.requests.getFirst())
                .contains("This is re-contact cycle 2. Use a COMPLETELY DIFFERENT angle.")
                .contains("Angle: Competitor insight.")
                .contains("First name: Nadia").contains("Company: Canal Cargo").containsPattern("\"model\"\\s*:\\s*\"stub-model\"");
        assertThat(drafted.source()).isEqualTo(DraftResult.Source.LLM);
        assertThat(drafted.angle()).isEqualTo(Angle.COMPETITOR_INSIGHT);
        assertThat(drafted.message().subject()).isEqualTo("Nadia, a thought on Canal Cargo's rivals");
        assertThat(drafted.message().textBody()).startsWith("Hi Nadia,\nHere is what <b>we</b> see.").contains("unsubscribe");
        assertThat(drafted.message().htmlBody()).contains("Hi Nadia,<br>\nHere is what &lt;b&gt;we&lt;/b&gt; see.").doesNotContain("Subject:");
        assertThat(ContentTestEnrollments.anglesUsed(jdbc, enrollment)).isEqualTo("1:industry_trends,2:competitor_insight");
        assertThat(ContentTestEnrollments.generationFailures(jdbc, enrollment)).isZero();
    }

    @Test
    void theFirstContactHasNoReContactInstruction() {
        long leadId = ContentTestLeads.create(leads, "Timo", "Dock Works");
        STUB.answer("Subject: Hello\n\nHi Timo");

        draft(ContentTestEnrollments.create(jdbc, leadId, 0, ""), leadId, ChannelType.EMAIL, "initial", 1, 0);

        assertThat(STUB.requests.getFirst()).doesNotContain("re-contact cycle").contains("Angle: Introduction.");
    }

    @Test
    void aServerErrorFallsBackToTheTemplateAndCountsAGenerationFailure() {
        long leadId = ContentTestLeads.create(leads, "Rui", "Lock Logistics");
        long enrollment = ContentTestEnrollments.create(jdbc, leadId, 1, "");
        STUB.fail(500);

        Drafted drafted = (Drafted) draft(enrollment, leadId, ChannelType.EMAIL, "initial", 1, 1);

        assertThat(STUB.requests).hasSize(1);
        assertThat(drafted.source()).isEqualTo(DraftResult.Source.TEMPLATE);
        assertThat(drafted.templateName()).isEqualTo("email-initial-industry-trends");
        assertThat(drafted.message().subject()).isEqualTo("What is changing in Logistics this year");
        assertThat(drafted.fallbackReason()).hasValueSatisfying(reason -> assertThat(reason).contains("LLM request"));
        assertThat(ContentTestEnrollments.generationFailures(jdbc, enrollment)).isEqualTo(1);
        assertThat(ContentTestEnrollments.anglesUsed(jdbc, enrollment)).isEqualTo("1:industry_trends");
    }

    @Test
    void anEmptyAnswerOrATooLongConnectionNoteIsAFailureToo() {
        long leadId = ContentTestLeads.create(leads, "Eva", "Wharf Co");
        long enrollment = ContentTestEnrollments.create(jdbc, leadId, 0, "");

        STUB.answer("   ");
        Drafted empty = (Drafted) draft(enrollment, leadId, ChannelType.EMAIL, "initial", 1, 0);
        STUB.answer("x".repeat(301));
        Drafted note = (Drafted) draft(enrollment, leadId, ChannelType.LINKEDIN, "connection_request", 2, 0);

        assertThat(empty.source()).isEqualTo(DraftResult.Source.TEMPLATE);
        assertThat(empty.fallbackReason()).contains("LLM returned an empty message");
        assertThat(note.source()).isEqualTo(DraftResult.Source.TEMPLATE);
        assertThat(note.message().textBody()).startsWith("Hi Eva,").hasSizeLessThanOrEqualTo(300);
        assertThat(ContentTestEnrollments.generationFailures(jdbc, enrollment)).isEqualTo(2);
    }

    @Test
    void afterTheConfiguredNumberOfFailuresTheTouchIsSkippedWithTheReason() {
        jdbc.sql("update sales_engine_config set max_generation_failures = 2 where id = 1").update();
        long leadId = ContentTestLeads.create(leads, "Sven", "Berth Bros");
        long enrollment = ContentTestEnrollments.create(jdbc, leadId, 0, "");
        STUB.fail(500);

        DraftResult first = draft(enrollment, leadId, ChannelType.EMAIL, "initial", 1, 0);
        DraftResult second = draft(enrollment, leadId, ChannelType.EMAIL, "follow_up", 2, 0);

        assertThat(first).isInstanceOf(Drafted.class);
        assertThat(second).isInstanceOfSatisfying(Skipped.class, skipped -> assertThat(skipped.reason())
                .startsWith("Message generation failed 2 times (max_generation_failures 2): LLM request"));
        assertThat(ContentTestEnrollments.generationFailures(jdbc, enrollment)).isEqualTo(2);
    }

    @Test
    void aReContactCycleCountsItsFailuresAfresh() {
        jdbc.sql("update sales_engine_config set max_generation_failures = 2 where id = 1").update();
        long leadId = ContentTestLeads.create(leads, "Joris", "Basin Hauliers");
        long enrollment = ContentTestEnrollments.create(jdbc, leadId, 0, "");
        STUB.fail(500);

        DraftResult lastOfCycleZero = draft(enrollment, leadId, ChannelType.EMAIL, "final", 4, 0);
        DraftResult firstOfCycleOne = draft(enrollment, leadId, ChannelType.EMAIL, "initial", 1, 1);

        assertThat(lastOfCycleZero).isInstanceOf(Drafted.class);
        assertThat(firstOfCycleOne).as("one failure in cycle 1, not the second of the enrollment").isInstanceOf(Drafted.class);
        assertThat(ContentTestEnrollments.generationFailures(jdbc, enrollment)).isEqualTo(1);
    }

    private DraftResult draft(long enrollment, long leadId, ChannelType channel, String type, int touch, int cycle) {
        LeadDetails lead = SystemActor.call(() -> leads.find(leadId)).orElseThrow();
        return SystemActor.call(() -> content.draft(new DraftRequest(enrollment, lead, channel, type, touch, cycle)));
    }
}
