package dev.outreach.lead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.security.SystemActor;
import dev.outreach.shared.AddressBounced;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.LeadUnsubscribed;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * The lead module on its own (and the modules it uses directly), not the whole application: a
 * bounce or an unsubscribe reported by any other module, as the event it publishes, makes the
 * lead BOUNCED or UNSUBSCRIBED with one audit entry, also when the event is delivered twice (the
 * publication registry re-runs a listener after a restart).
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@ActiveProfiles("test")
@RecordApplicationEvents
class LeadModuleIntegrationTests {

    @Autowired
    LeadService leads;
    @Autowired
    AuditLog auditLog;
    @Autowired
    ApplicationEvents events;

    @Test
    void aBounceReportedByAnotherModuleMakesTheLeadBouncedOnceWhateverTimesItArrives(Scenario scenario) {
        long id = lead("bounce");
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        AddressBounced bounced = new AddressBounced(id, email(id), "550 5.1.1 user unknown", "hard bounce of a test message", at);

        scenario.publish(bounced).andWaitForStateChange(() -> status(id), LeadStatus.BOUNCED::equals)
                .andVerify(status -> assertThat(status).isEqualTo(LeadStatus.BOUNCED));
        scenario.publish(bounced).andWaitForStateChange(() -> audits(id, "lead.bounce"), count -> count > 0)
                .andVerify(count -> assertThat(count).as("audit entries after the event arrived twice").isEqualTo(1));
    }

    @Test
    void anUnsubscribeReportedByAnotherModuleMakesTheLeadUnsubscribedOnce(Scenario scenario) {
        long id = lead("unsubscribe");
        LeadUnsubscribed unsubscribed = new LeadUnsubscribed(id, email(id), "unsubscribed", "unsubscribe link", Instant.parse("2026-12-01T11:00:00Z"));

        scenario.publish(unsubscribed).andWaitForStateChange(() -> status(id), LeadStatus.UNSUBSCRIBED::equals)
                .andVerify(status -> assertThat(status).isEqualTo(LeadStatus.UNSUBSCRIBED));
        scenario.publish(unsubscribed).andWaitForStateChange(() -> audits(id, "lead.unsubscribe"), count -> count > 0)
                .andVerify(count -> assertThat(count).isEqualTo(1));
    }

    @Test
    void theFirstMessageSentMakesANewLeadContactedAndSaysSoOnceLaterOnesMoveOnlyItsLastOutreach() {
        long id = lead("first-send");
        Instant first = Instant.parse("2026-12-01T12:00:00Z");

        SystemActor.run(() -> leads.recordOutreach(id, first));
        SystemActor.run(() -> leads.recordOutreach(id, first.plusSeconds(3600)));
        SystemActor.run(() -> leads.recordOutreach(id, first.minusSeconds(60)));

        assertThat(status(id)).isEqualTo(LeadStatus.CONTACTED);
        assertThat(changes(id)).singleElement().satisfies(change -> {
            assertThat(change.from()).isEqualTo(LeadStatus.NEW);
            assertThat(change.to()).isEqualTo(LeadStatus.CONTACTED);
            assertThat(change.at()).isEqualTo(first);
        });
        assertThat(SystemActor.call(() -> leads.find(id).orElseThrow().lastOutreachAt()))
                .as("the last outreach only moves forward").isEqualTo(first.plusSeconds(3600));
    }

    @Test
    void aStatusAPersonSetsIsAChangeNamingThemAndAnEditThatKeepsTheStatusIsNot() {
        long id = lead("by-hand");

        SystemActor.run(() -> leads.edit(id, draft -> draft.setTitle("Owner")));
        assertThat(changes(id)).isEmpty();

        SystemActor.run(() -> leads.edit(id, draft -> draft.setStatus(LeadStatus.DISQUALIFIED)));
        assertThat(changes(id)).singleElement().satisfies(change -> {
            assertThat(change.from()).isEqualTo(LeadStatus.NEW);
            assertThat(change.to()).isEqualTo(LeadStatus.DISQUALIFIED);
            assertThat(change.cause()).isEqualTo("set by system");
        });
    }

    private List<LeadStatusChanged> changes(long id) {
        return events.stream(LeadStatusChanged.class).filter(change -> change.leadId() == id).toList();
    }

    private long lead(String kind) {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Module");
        draft.setLastName(kind);
        draft.setCompany("Module " + kind + " Roofing");
        draft.setEmail(kind + "-" + UUID.randomUUID() + "@module-roofing.test");
        return SystemActor.call(() -> leads.create(draft));
    }

    private String email(long id) {
        return SystemActor.call(() -> leads.find(id).orElseThrow().fields().getEmail());
    }

    private LeadStatus status(long id) {
        return SystemActor.call(() -> leads.find(id).orElseThrow().fields().getStatus());
    }

    private int audits(long id, String action) {
        return SystemActor.call(() -> auditLog.entries("lead", id, List.of(action), 10).size());
    }
}
