package dev.outreach.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.lead.LeadService;
import dev.outreach.security.Role;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.support.KaribuTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

class TemplateServiceTests extends KaribuTest {

    @Autowired
    TemplateService templates;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LeadService leads;

    @Test
    void theSeededTemplatesCoverEveryChannelMessageTypeOfChannelConfigAndTheFourAngles() {
        login("ada", Role.ADMIN);
        List<String> labels = templates.findAll().stream().map(MessageTemplate::name).toList();

        assertThat(labels).contains("email-initial", "email-follow-up", "email-final", "linkedin-connect", "linkedin-dm",
                "form-initial", "email-initial-industry-trends", "email-initial-competitor-insight",
                "email-initial-seasonal-opportunity", "email-initial-case-study");
    }

    @Test
    void anAdminSavesATemplateAndTheChangeIsAuditedWithBeforeAndAfter() {
        login("ada", Role.ADMIN);
        MessageTemplate before = named("email-follow-up");

        MessageTemplate after = templates.update(before.id(), " Checking in, {{first_name}} ", "Hi {{first_name}}, any thoughts?\n{{unsubscribe}}");

        assertThat(after.subject()).isEqualTo("Checking in, {{first_name}}");
        assertThat(after.updatedBy()).isEqualTo("ada");
        var audit = jdbc.sql("select actor, before_value, after_value from audit_log where action = 'message-template.update' and entity_id = ? order by id desc")
                .param(String.valueOf(before.id())).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list().getFirst();
        assertThat(audit.get(0)).isEqualTo("ada");
        assertThat(audit.get(1)).contains(before.subject());
        assertThat(audit.get(2)).contains("Checking in, {{first_name}}");
    }

    @Test
    void anEmailWithoutSubjectABrokenBodyAndALongConnectionNoteAreRefusedAndNothingChanges() {
        login("ada", Role.ADMIN);
        MessageTemplate email = named("email-initial");
        MessageTemplate note = named("linkedin-connect");
        int audits = auditCount();

        assertThatThrownBy(() -> templates.update(email.id(), "  ", "Hi {{first_name}}\n\n{{#company}}open"))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid -> {
                    assertThat(invalid.errors()).extracting(FieldError::field).containsExactly("subject");
                    assertThat(invalid.errors().getFirst().message()).isEqualTo("An email needs a subject");
                });
        assertThatThrownBy(() -> templates.update(email.id(), "Hello", "Hi {{first_name}}\n\n{{#company}}open"))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid -> {
                    assertThat(invalid.errors().getFirst().field()).isEqualTo("body");
                    assertThat(invalid.errors().getFirst().message()).startsWith("Line ");
                });
        String longNote = "Hi {{first_name}} from {{company}} in {{industry}}, " + "x".repeat(230);
        assertThatThrownBy(() -> templates.update(note.id(), null, longNote))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid ->
                        assertThat(invalid.errors().getFirst().message()).contains("LinkedIn allows 300"));

        assertThat(templates.find(email.id()).orElseThrow()).isEqualTo(email);
        assertThat(templates.find(note.id()).orElseThrow()).isEqualTo(note);
        assertThat(auditCount()).isEqualTo(audits);
    }

    @Test
    void thePreviewFillsInTheLeadAndEscapesItInHtml() {
        login("ada", Role.ADMIN);
        long leadId = ContentTestLeads.create(leads, "Zoë", "<b>Acme</b>");
        String firstName = "Zoë";

        RenderedMessage preview = templates.preview(named("email-initial"), "For {{company}}", "Hi {{first_name}} at {{company}}{{missing}}!", leadId).message();

        assertThat(preview.subject()).isEqualTo("For <b>Acme</b>");
        assertThat(preview.textBody()).isEqualTo("Hi " + firstName + " at <b>Acme</b>!");
        assertThat(preview.htmlBody()).isEqualTo("Hi " + firstName + " at &lt;b&gt;Acme&lt;/b&gt;!");
        assertThat(templates.preview(named("linkedin-dm"), null, "{{company}}", leadId).message().htmlBody()).isNull();
    }

    @Test
    void operatorsReadTemplatesButCannotChangeThem() {
        login("olivia", Role.OPERATOR);
        MessageTemplate email = named("email-initial");

        assertThatThrownBy(() -> templates.update(email.id(), "Mine", "Mine")).isInstanceOf(AccessDeniedException.class);
        assertThat(templates.find(email.id()).orElseThrow().subject()).isEqualTo("Quick question about {{company}}");
        assertThat(email.channel()).isEqualTo(ChannelType.EMAIL);
    }

    private int auditCount() {
        return jdbc.sql("select count(*) from audit_log where action = 'message-template.update'").query(Integer.class).single();
    }

    private MessageTemplate named(String name) {
        return templates.findAll().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
