package dev.outreach.campaign.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import dev.outreach.campaign.EngineSettings;
import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.console.ui.AccessDeniedView;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.DeliveryMode;
import dev.outreach.support.KaribuTest;
import java.time.DayOfWeek;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

class EngineSettingsViewTests extends KaribuTest {

    @Autowired
    EngineSettingsService service;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void restoreDefaults() {
        SystemActor.run(() -> service.update(EngineSettings.defaults()));
    }

    private long audits(String action) {
        return jdbc.sql("select count(*) from audit_log where action = :a").param("a", action).query(Long.class).single();
    }

    @Test
    void anAdminChangesTheCadenceAndItIsStoredAndAudited() {
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(EngineSettingsView.class);
        EngineSettingsView view = _get(EngineSettingsView.class);
        long before = audits("engine.update");

        view.baseFollowupDelayHours.setValue(60);
        view.sendDays.setValue(Set.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY));
        view.requireEngagementForFinalStep.setValue(false);
        _click(view.save);

        EngineSettings stored = service.settings();
        assertThat(stored.baseFollowupDelayHours()).isEqualTo(60);
        assertThat(stored.sendDays()).containsExactlyInAnyOrder(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY);
        assertThat(stored.requireEngagementForFinalStep()).isFalse();
        assertThat(jdbc.sql("select send_days from sales_engine_config where id = 1").query(String.class).single())
                .isEqualTo("TUE,THU");
        assertThat(audits("engine.update")).isEqualTo(before + 1);
    }

    @Test
    void badValuesAreShownOnTheirFieldsAndNothingChanges() {
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(EngineSettingsView.class);
        EngineSettingsView view = _get(EngineSettingsView.class);
        long before = audits("engine.update");

        view.sendWindowStartHour.setValue(18);
        view.sendWindowEndHour.setValue(9);
        view.mailboxHealthThreshold.setValue(140);
        view.baseFollowupDelayHours.setValue(12);
        _click(view.save);

        assertThat(view.sendWindowEndHour.isInvalid()).isTrue();
        assertThat(view.sendWindowEndHour.getErrorMessage()).contains("must end after it starts (18:00)");
        assertThat(view.mailboxHealthThreshold.getErrorMessage()).isEqualTo("Give 0 to 100 (a score)");
        assertThat(view.baseFollowupDelayHours.getErrorMessage()).contains("floor of 36 hours");
        assertThat(service.settings()).isEqualTo(EngineSettings.defaults());
        assertThat(audits("engine.update")).isEqualTo(before);
    }

    @Test
    void goingLiveAsksForConfirmationAndIsAudited() {
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(EngineSettingsView.class);
        EngineSettingsView view = _get(EngineSettingsView.class);

        view.deliveryMode.setValue(DeliveryMode.LIVE);
        _click(view.save);
        assertThat(service.deliveryMode()).as("nothing changes before the confirmation").isEqualTo(DeliveryMode.SANDBOX);
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(service.deliveryMode()).isEqualTo(DeliveryMode.LIVE);
        assertThat(jdbc.sql("select after_value from audit_log where action = 'engine.delivery-mode' order by id desc")
                .query(String.class).list().getFirst()).contains("deliveryMode=LIVE");
    }

    @Test
    void anOperatorIsRefusedByTheViewAndTheService() {
        login("olivia", Role.OPERATOR);

        UI.getCurrent().navigate(EngineSettingsView.class);

        _get(AccessDeniedView.class);
        assertThatThrownBy(() -> service.update(EngineSettings.defaults())).isInstanceOf(AccessDeniedException.class);
    }
}
