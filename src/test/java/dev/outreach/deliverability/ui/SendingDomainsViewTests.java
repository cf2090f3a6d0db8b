package dev.outreach.deliverability.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static dev.outreach.deliverability.ui.DeliverabilityAdminTestSupport.lastAudit;
import static dev.outreach.deliverability.ui.DeliverabilityAdminTestSupport.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.outreach.console.ui.AccessDeniedView;
import dev.outreach.deliverability.SendingDomain;
import dev.outreach.deliverability.SendingDomainService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.support.KaribuTest;
import dev.outreach.support.Notifications;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

class SendingDomainsViewTests extends KaribuTest {

    @Autowired
    SendingDomainService domains;
    @Autowired
    JdbcClient jdbc;

    @Test
    void adminCreatesADomainThatShowsActiveInTheGridAndIsAudited() {
        SendingDomainsView view = open();

        _click(view.create);
        SendingDomainDialog dialog = _get(SendingDomainDialog.class);
        _setValue(dialog.domain, "  Mail.Created-Domain.test ");
        _setValue(dialog.dailyCap, 200);
        _click(dialog.save);

        int row = row(view.grid, d -> d.domain().equals("mail.created-domain.test"));
        assertThat(GridKt._getFormatted(view.grid, row, "status")).isEqualTo("Active");
        assertThat(GridKt._getFormatted(view.grid, row, "dailyCap")).isEqualTo("200");
        assertThat(GridKt._getFormatted(view.grid, row, "mailboxes")).isEqualTo("0");
        SendingDomain created = GridKt._get(view.grid, row);
        List<String> audit = lastAudit(jdbc, "sending-domain.create", created.id());
        assertThat(audit.get(0)).isEqualTo("ada");
        assertThat(audit.get(1)).isNull();
        assertThat(audit.get(2)).contains("\"domain\":\"mail.created-domain.test\"").contains("\"daily_cap\":200");
    }

    @Test
    void aBadDomainAndANegativeCapShowOnTheirFieldsAndChangeNothing() {
        int before = domainCount();
        SendingDomainsView view = open();

        _click(view.create);
        SendingDomainDialog dialog = _get(SendingDomainDialog.class);
        _setValue(dialog.domain, "not a domain");
        _setValue(dialog.dailyCap, -1);
        _click(dialog.save);

        assertThat(dialog.domain.isInvalid()).isTrue();
        assertThat(dialog.domain.getErrorMessage()).isEqualTo("'not a domain' is not a domain name such as mail.example.com");
        assertThat(dialog.dailyCap.getErrorMessage()).isEqualTo("Cannot be negative");
        assertThat(dialog.isOpened()).isTrue();
        assertThat(domainCount()).isEqualTo(before);
    }

    @Test
    void anExistingDomainIsRefusedWithAClearMessage() {
        SendingDomainsView view = open();

        _click(view.create);
        SendingDomainDialog dialog = _get(SendingDomainDialog.class);
        _setValue(dialog.domain, "GetSummitReach.example");
        _click(dialog.save);

        assertThat(dialog.domain.getErrorMessage()).isEqualTo("Sending domain getsummitreach.example already exists");
    }

    @Test
    void pausingNeedsAReasonThenShowsPausedAndResumingClearsIt() {
        SendingDomain domain = SystemActor.call(() -> domains.create("pause-me.test", 100));
        SendingDomainsView view = open();

        clickInRow(view, domain, "Pause");
        ReasonDialog pause = _get(ReasonDialog.class);
        _click(pause.confirm);
        assertThat(pause.reason.getErrorMessage()).isEqualTo("Give a reason");
        assertThat(SystemActor.call(() -> domains.find(domain.id())).orElseThrow().paused()).isFalse();

        _setValue(pause.reason, "Spam complaints from a purchased list");
        _click(pause.confirm);

        int row = row(view.grid, d -> d.id() == domain.id());
        assertThat(GridKt._getFormatted(view.grid, row, "status")).isEqualTo("Paused");
        assertThat(GridKt._getFormatted(view.grid, row, "pausedReason")).isEqualTo("Spam complaints from a purchased list");
        var stored = jdbc.sql("select status, paused_reason, paused_at, paused_by_health from sending_domain where id = ?")
                .param(domain.id()).query((rs, n) -> List.of(rs.getString(1), rs.getString(2),
                        String.valueOf(rs.getTimestamp(3) != null), String.valueOf(rs.getBoolean(4)))).single();
        assertThat(stored).containsExactly("PAUSED", "Spam complaints from a purchased list", "true", "false");
        assertThat(lastAudit(jdbc, "sending-domain.pause", domain.id()).get(2)).contains("\"status\":\"PAUSED\"");

        clickInRow(view, domain, "Resume");
        ReasonDialog resume = _get(ReasonDialog.class);
        _setValue(resume.reason, "List cleaned");
        _click(resume.confirm);

        assertThat(GridKt._getFormatted(view.grid, row(view.grid, d -> d.id() == domain.id()), "status")).isEqualTo("Active");
        assertThat(lastAudit(jdbc, "sending-domain.resume", domain.id()).get(2))
                .contains("\"resume_reason\":\"List cleaned\"").contains("\"status\":\"ACTIVE\"");
        assertThat(jdbc.sql("select paused_reason from sending_domain where id = ?").param(domain.id())
                .query(String.class).optional()).isEmpty();
    }

    @Test
    void aDomainWithMailboxesCannotBeDeleted() {
        SendingDomainsView view = open();
        SendingDomain demo = GridKt._get(view.grid, row(view.grid, d -> d.domain().equals("getsummitreach.example")));

        clickInRow(view, demo, "Delete");
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(Notifications.texts()).contains("getsummitreach.example still has 3 mailboxes: delete or move them first");
        assertThat(SystemActor.call(() -> domains.find(demo.id()))).isPresent();
    }

    @Test
    void anEmptyDomainIsDeletedAndTheDeletionAudited() {
        SendingDomain domain = SystemActor.call(() -> domains.create("delete-me.test", 10));
        SendingDomainsView view = open();

        clickInRow(view, domain, "Delete");
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(DeliverabilityAdminTestSupport.hasRow(view.grid, d -> d.id() == domain.id())).isFalse();
        assertThat(lastAudit(jdbc, "sending-domain.delete", domain.id()).get(1)).contains("delete-me.test");
    }

    @Test
    void operatorsCannotOpenTheViewAndTheServiceRefusesThemButLetsThemRead() {
        login("olivia", Role.OPERATOR);

        UI.getCurrent().navigate(SendingDomainsView.class);

        _assertOne(AccessDeniedView.class);
        _assertNone(SendingDomainsView.class);
        SendingDomain demo = domains.findAll().stream().filter(d -> d.domain().equals("getsummitreach.example"))
                .findFirst().orElseThrow();
        assertThatThrownBy(() -> domains.create("operator.test", 10)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> domains.pause(demo.id(), "because")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> domains.delete(demo.id())).isInstanceOf(AccessDeniedException.class);
        assertThat(domains.find(demo.id()).orElseThrow().paused()).isFalse();
    }

    @Test
    void theMenuListsTheAdminViewsForAdminsOnlyAndTheSuppressionListForEveryone() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(SuppressionListView.class);
        assertThat(menuLabels()).contains("Suppression list").doesNotContain("Sending domains", "Mailboxes");

        open();
        assertThat(menuLabels()).contains("Suppression list", "Sending domains", "Mailboxes");
    }

    private static List<String> menuLabels() {
        return com.github.mvysny.kaributesting.v10.LocatorJ._find(com.vaadin.flow.component.sidenav.SideNavItem.class)
                .stream().map(com.vaadin.flow.component.sidenav.SideNavItem::getLabel).toList();
    }

    private SendingDomainsView open() {
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(SendingDomainsView.class);
        return _get(SendingDomainsView.class);
    }

    private static void clickInRow(SendingDomainsView view, SendingDomain domain, String button) {
        HorizontalLayout actions = (HorizontalLayout) GridKt._getCellComponent(view.grid,
                row(view.grid, d -> d.id() == domain.id()), "actions");
        _click(_get(actions, Button.class, spec -> spec.withText(button)));
    }

    private int domainCount() {
        return jdbc.sql("select count(*) from sending_domain").query(Integer.class).single();
    }
}
