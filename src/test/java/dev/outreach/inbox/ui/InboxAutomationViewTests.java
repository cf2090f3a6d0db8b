package dev.outreach.inbox.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import dev.outreach.inbox.AutomaticAction;
import dev.outreach.inbox.InboxAutomation;
import dev.outreach.inbox.IntentLabel;
import dev.outreach.security.Role;
import dev.outreach.support.KaribuTest;
import dev.outreach.support.Notifications;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The automation screen shows each label's action as stored and saves what the admin changes, audited. */
class InboxAutomationViewTests extends KaribuTest {

    @Autowired
    InboxAutomation automation;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void anAdminOnTheScreen() {
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(InboxAutomationView.class);
    }

    @AfterEach
    void theDefaultsAgain() {
        login("ada", Role.ADMIN);
        automation.update(IntentLabel.OUT_OF_OFFICE, AutomaticAction.SNOOZE, true);
    }

    @Test
    void theDefaultsShowAndAChangeIsSavedAndAudited() {
        InboxAutomationView view = _get(InboxAutomationView.class);
        assertThat(view.actions.get(IntentLabel.OUT_OF_OFFICE).getValue()).isEqualTo(AutomaticAction.SNOOZE);
        assertThat(view.actions.get(IntentLabel.UNSUBSCRIBE_REQUEST).getValue()).isEqualTo(AutomaticAction.UNSUBSCRIBE);
        assertThat(view.enabled.get(IntentLabel.INTERESTED).getValue()).isTrue();

        view.actions.get(IntentLabel.OUT_OF_OFFICE).setValue(AutomaticAction.STOP_SEQUENCE);
        view.enabled.get(IntentLabel.OUT_OF_OFFICE).setValue(false);
        _click(view.save);

        assertThat(jdbc.sql("select action || ' ' || case when enabled then 'on' else 'off' end || ' ' || updated_by from inbox_automation where label = 'OUT_OF_OFFICE'")
                .query(String.class).single()).isEqualTo("STOP_SEQUENCE off ada");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'inbox.automation' and entity_id = 'OUT_OF_OFFICE' and actor = 'ada'")
                .query(Long.class).single()).isPositive();
        assertThat(Notifications.texts()).contains("1 rule saved");
    }
}
