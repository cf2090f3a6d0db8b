package dev.outreach.lead.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.Role;
import dev.outreach.support.KaribuTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LeadDetailViewTests extends KaribuTest {

    @Autowired
    LeadService leads;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private long leadId;

    @BeforeEach
    void openALeadAsAdmin() {
        login("ada", Role.ADMIN);
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Ines");
        draft.setLastName("Marsh");
        draft.setCompany("Marsh Glazing");
        draft.setEmail("ines." + java.util.UUID.randomUUID() + "@marsh-glazing.example");
        leadId = leads.create(draft);
        UI.getCurrent().navigate(LeadDetailView.class, leadId);
    }

    @Test
    void deletingALeadAsksFirstNamingTheLeadAndKeepsItUntilConfirmed() {
        _click(_get(Button.class, spec -> spec.withText("Delete")));

        ConfirmDialog confirm = _get(ConfirmDialog.class);
        assertThat(ConfirmDialogKt.getText(confirm)).contains("Ines Marsh (Marsh Glazing)").contains("cannot be undone");
        assertThat(leads.find(leadId)).isPresent();

        ConfirmDialogKt._fireConfirm(confirm);

        assertThat(leads.find(leadId)).isEmpty();
        _get(LeadsView.class);
        assertThat(jdbc.sql("select actor || ' ' || after_value from audit_log where action = 'lead.delete'"
                + " and entity_id = :id").param("id", Long.toString(leadId)).query(String.class).list())
                .containsExactly("ada 1 deleted");
    }

    @Test
    void cancellingTheDeleteKeepsTheLead() {
        _click(_get(Button.class, spec -> spec.withText("Delete")));

        ConfirmDialogKt._fireCancel(_get(ConfirmDialog.class));

        assertThat(leads.find(leadId)).isPresent();
        _get(LeadDetailView.class);
    }
}
