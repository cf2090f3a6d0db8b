package dev.outreach.deliverability.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static dev.outreach.deliverability.ui.DeliverabilityAdminTestSupport.lastAudit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import dev.outreach.deliverability.Suppression;
import dev.outreach.deliverability.SuppressionList;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.support.KaribuTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

class SuppressionListViewTests extends KaribuTest {

    @Autowired
    SuppressionList suppressions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void adminAddsAnAddressFindsItBySearchAndRemovesItAllAudited() {
        SuppressionListView view = open(Role.ADMIN);

        _click(view.add);
        SuppressionDialog dialog = _get(SuppressionDialog.class);
        _setValue(dialog.entry, "  Jane.Doe@Prospect-Plumbing.test ");
        _setValue(dialog.reason, "Asked by phone not to be contacted");
        _click(dialog.add);

        _setValue(view.search, "jane.doe");
        assertThat(GridKt._size(view.grid)).isEqualTo(1);
        assertThat(view.count.getText()).isEqualTo("1 entry");
        Suppression added = GridKt._get(view.grid, 0);
        assertThat(added.entry()).isEqualTo("jane.doe@prospect-plumbing.test");
        assertThat(GridKt._getFormatted(view.grid, 0, "reason")).isEqualTo("Asked by phone not to be contacted");
        assertThat(suppressions.reasonFor("JANE.DOE@prospect-plumbing.test")).hasValue("Asked by phone not to be contacted");
        List<String> addAudit = lastAudit(jdbc, "suppression.add", added.id());
        assertThat(addAudit.get(0)).isEqualTo("ada");
        assertThat(addAudit.get(2)).contains("\"entry\":\"jane.doe@prospect-plumbing.test\"").contains("\"kind\":\"ADDRESS\"");

        _click((Button) GridKt._getCellComponent(view.grid, 0, "actions"));
        ConfirmDialog confirm = _get(ConfirmDialog.class);
        assertThat(ConfirmDialogKt.getText(confirm)).contains("It was suppressed because: Asked by phone not to be contacted");
        ConfirmDialogKt._fireConfirm(confirm);

        assertThat(GridKt._size(view.grid)).isZero();
        assertThat(view.count.getText()).isEqualTo("0 entries");
        assertThat(suppressions.reasonFor("jane.doe@prospect-plumbing.test")).isEmpty();
        List<String> removeAudit = lastAudit(jdbc, "suppression.remove", added.id());
        assertThat(removeAudit.get(1)).contains("jane.doe@prospect-plumbing.test").contains("Asked by phone");
        assertThat(removeAudit.get(2)).isNull();
    }

    @Test
    void aSuppressedDomainCoversEveryAddressAtIt() {
        SuppressionListView view = open(Role.ADMIN);

        _click(view.add);
        SuppressionDialog dialog = _get(SuppressionDialog.class);
        _setValue(dialog.kind, Suppression.Kind.DOMAIN);
        _setValue(dialog.entry, "@Competitor-Corp.test");
        _setValue(dialog.reason, "Competitor");
        _click(dialog.add);

        assertThat(suppressions.reasonFor("anyone@competitor-corp.test")).hasValue("Competitor");
        _setValue(view.search, "competitor-corp");
        assertThat(GridKt._getFormatted(view.grid, 0, "kind")).isEqualTo("Domain");
    }

    @Test
    void badInputShowsOnItsFieldsAndAddsNothing() {
        int before = count();
        SuppressionListView view = open(Role.ADMIN);

        _click(view.add);
        SuppressionDialog dialog = _get(SuppressionDialog.class);
        _setValue(dialog.entry, "not-an-address");
        _click(dialog.add);

        assertThat(dialog.entry.getErrorMessage()).isEqualTo("'not-an-address' is not a valid email address");
        assertThat(dialog.reason.getErrorMessage()).isEqualTo("Give a reason");
        assertThat(dialog.isOpened()).isTrue();
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void anEntryAlreadyOnTheListIsRefusedWithItsReason() {
        SystemActor.run(() -> suppressions.add(Suppression.Kind.ADDRESS, "twice@example-lead.test", "Hard bounce"));
        SuppressionListView view = open(Role.ADMIN);

        _click(view.add);
        SuppressionDialog dialog = _get(SuppressionDialog.class);
        _setValue(dialog.entry, "Twice@Example-Lead.test");
        _setValue(dialog.reason, "again");
        _click(dialog.add);

        assertThat(dialog.entry.getErrorMessage()).isEqualTo("twice@example-lead.test is already suppressed: Hard bounce");
    }

    @Test
    void operatorsSearchTheListButCannotChangeIt() {
        Suppression entry = SystemActor.call(() -> suppressions.add(Suppression.Kind.ADDRESS, "ops-visible@lead.test",
                "Unsubscribed"));
        SuppressionListView view = open(Role.OPERATOR);

        _setValue(view.search, "ops-visible");

        assertThat(GridKt._size(view.grid)).isEqualTo(1);
        assertThat(view.add.isVisible()).isFalse();
        assertThat(view.grid.getColumnByKey("actions")).isNull();
        assertThatThrownBy(() -> suppressions.add(Suppression.Kind.ADDRESS, "x@lead.test", "no"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> suppressions.remove(entry.id())).isInstanceOf(AccessDeniedException.class);
        assertThat(suppressions.reasonFor("ops-visible@lead.test")).hasValue("Unsubscribed");
    }

    @Test
    void aLongListIsPagedFromTheDatabaseAndSearchTakesWildcardsLiterally() {
        Timestamp now = Timestamp.from(Instant.now());
        for (int i = 0; i < 1200; i++) {
            jdbc.sql("insert into suppression (kind, entry, reason, created_at) values ('ADDRESS', ?, 'bulk bounce', ?)")
                    .params("bulk" + i + "@paged-list.test", now).update();
        }
        SuppressionListView view = open(Role.OPERATOR);

        _setValue(view.search, "@paged-list.test");

        assertThat(view.grid.getDataProvider().isInMemory()).isFalse();
        assertThat(GridKt._size(view.grid)).isEqualTo(1200);
        assertThat(view.count.getText()).isEqualTo("1,200 entries");
        assertThat(GridKt._get(view.grid, 1199).entry()).endsWith("@paged-list.test");
        _setValue(view.search, "bulk1_@paged");
        assertThat(GridKt._size(view.grid)).as("_ is not a wildcard").isZero();
    }

    private SuppressionListView open(Role role) {
        login(role == Role.ADMIN ? "ada" : "olivia", role);
        UI.getCurrent().navigate(SuppressionListView.class);
        return _get(SuppressionListView.class);
    }

    private int count() {
        return jdbc.sql("select count(*) from suppression").query(Integer.class).single();
    }
}
