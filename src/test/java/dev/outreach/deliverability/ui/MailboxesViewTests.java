package dev.outreach.deliverability.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static dev.outreach.deliverability.ui.DeliverabilityAdminTestSupport.hasRow;
import static dev.outreach.deliverability.ui.DeliverabilityAdminTestSupport.lastAudit;
import static dev.outreach.deliverability.ui.DeliverabilityAdminTestSupport.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.outreach.console.ui.AccessDeniedView;
import dev.outreach.deliverability.ConnectionSecurity;
import dev.outreach.deliverability.MailProtocol;
import dev.outreach.deliverability.MailServerSettings;
import dev.outreach.deliverability.Mailbox;
import dev.outreach.deliverability.MailboxConnectionTester;
import dev.outreach.deliverability.MailboxDraft;
import dev.outreach.deliverability.MailboxService;
import dev.outreach.deliverability.SendingDomain;
import dev.outreach.deliverability.SendingDomainService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.SecretCipher;
import dev.outreach.support.KaribuTest;
import dev.outreach.support.Notifications;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

class MailboxesViewTests extends KaribuTest {

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alex@tested.test", "alex", "smtp-secret-1"));

    @Autowired
    MailboxService mailboxes;
    @Autowired
    SendingDomainService domains;
    @Autowired
    MailboxConnectionTester tester;
    @Autowired
    SecretCipher cipher;
    @Autowired
    JdbcClient jdbc;

    @Test
    void adminCreatesAMailboxWhosePasswordsAreEncryptedAndNeverAudited() {
        SendingDomain domain = domain("created-mailbox.test");
        MailboxesView view = open();

        MailboxForm form = newForm(view);
        fillIdentity(form, "Alex@Created-Mailbox.test", "Alex from Created", domain);
        fillServer(form.smtp, "127.0.0.1", 2525, ConnectionSecurity.NONE, "alex", "smtp-secret-1");
        fillServer(form.imap, "imap.created-mailbox.test", 993, ConnectionSecurity.SSL, "alex", "imap-secret-1");
        _setValue(form.dailyCap, 40);
        _setValue(form.warmupStartVolume, 5);
        _setValue(form.warmupDailyIncrease, 5);
        _setValue(form.warmupStartedOn, LocalDate.now(ZoneOffset.UTC).minusDays(2));
        _click(form.save);

        int row = row(view.grid, m -> m.address().equals("alex@created-mailbox.test"));
        assertThat(GridKt._getFormatted(view.grid, row, "status")).isEqualTo("Active");
        assertThat(GridKt._getFormatted(view.grid, row, "warmupDay")).isEqualTo("Day 3");
        assertThat(GridKt._getFormatted(view.grid, row, "capToday")).isEqualTo("15");
        assertThat(GridKt._getFormatted(view.grid, row, "smtpHost")).isEqualTo("127.0.0.1:2525");
        assertThat(GridKt._getFormatted(view.grid, row, "imapHost")).isEqualTo("imap.created-mailbox.test:993");
        Mailbox created = GridKt._get(view.grid, row);
        var stored = jdbc.sql("select smtp_password_enc, imap_password_enc from mailbox where id = ?").param(created.id())
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).single();
        assertThat(stored.get(0)).startsWith("v1:").doesNotContain("smtp-secret-1");
        assertThat(cipher.decrypt(stored.get(0))).isEqualTo("smtp-secret-1");
        assertThat(cipher.decrypt(stored.get(1))).isEqualTo("imap-secret-1");
        String after = lastAudit(jdbc, "mailbox.create", created.id()).get(2);
        assertThat(after).contains("\"smtp_password\":\"(changed)\"").contains("\"imap_password\":\"(changed)\"")
                .contains("\"address\":\"alex@created-mailbox.test\"").doesNotContain("secret-1").doesNotContain("v1:");
    }

    @Test
    void badInputShowsEachFieldsErrorAndChangesNothing() {
        SendingDomain domain = domain("bad-input.test");
        int before = mailboxCount();
        MailboxesView view = open();

        MailboxForm form = newForm(view);
        fillIdentity(form, "alex@another-domain.test", "Alex", domain);
        fillServer(form.smtp, "smtp.bad-input.test", 0, ConnectionSecurity.STARTTLS, "alex", "pw");
        _setValue(form.dailyCap, 20);
        _setValue(form.warmupStartVolume, 30);
        _click(form.save);

        assertThat(form.address.getErrorMessage())
                .isEqualTo("The address must end in @bad-input.test, the mailbox's sending domain");
        assertThat(form.smtp.port.getErrorMessage()).isEqualTo("A port is between 1 and 65535");
        assertThat(form.warmupStartVolume.getErrorMessage())
                .isEqualTo("The warm-up start (30) cannot exceed the target daily cap (20)");
        assertThat(form.isOpened()).isTrue();
        assertThat(mailboxCount()).isEqualTo(before);
    }

    @Test
    void anAddressInUseIsRefusedWithAClearMessage() {
        MailboxesView view = open();
        SendingDomain demo = SystemActor.call(() -> domains.findAll()).stream()
                .filter(d -> d.domain().equals("getsummitreach.example")).findFirst().orElseThrow();

        MailboxForm form = newForm(view);
        fillIdentity(form, "alex@getsummitreach.example", "Alex again", demo);
        fillServer(form.smtp, "smtp.getsummitreach.example", 587, ConnectionSecurity.STARTTLS, "", "");
        _click(form.save);

        assertThat(form.address.getErrorMessage()).isEqualTo("Mailbox alex@getsummitreach.example already exists");
    }

    @Test
    void aBlankPasswordOnEditKeepsTheStoredOneButNotForAnotherHost() {
        Mailbox mailbox = mailbox("keep@keep-password.test", "127.0.0.1", mail.getSmtp().getPort(), "smtp-secret-1");
        MailboxesView view = open();

        MailboxForm form = editForm(view, mailbox);
        assertThat(form.smtp.password.getValue()).isEmpty();
        _setValue(form.displayName, "Keeper");
        _click(form.save);

        assertThat(storedSmtpPassword(mailbox)).isEqualTo("smtp-secret-1");
        assertThat(SystemActor.call(() -> mailboxes.find(mailbox.id())).orElseThrow().displayName()).isEqualTo("Keeper");
        assertThat(lastAudit(jdbc, "mailbox.update", mailbox.id()).get(2)).contains("\"smtp_password\":\"(set)\"");

        MailboxForm moved = editForm(view, mailbox);
        _setValue(moved.smtp.host, "smtp.elsewhere.test");
        _click(moved.save);

        assertThat(moved.smtp.password.getErrorMessage()).startsWith("Enter the password again: the SMTP host or user changed");
        assertThat(SystemActor.call(() -> mailboxes.find(mailbox.id())).orElseThrow().smtp().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void testConnectionWorksWithUnsavedValuesAndNamesAWrongPassword() {
        SendingDomain domain = domain("tested.test");
        int before = mailboxCount();
        MailboxesView view = open();

        MailboxForm form = newForm(view);
        fillIdentity(form, "alex@tested.test", "Alex", domain);
        fillServer(form.smtp, "127.0.0.1", mail.getSmtp().getPort(), ConnectionSecurity.NONE, "alex", "smtp-secret-1");
        _click(form.smtp.test);
        assertThat(form.smtp.result.getElement().getTextRecursively()).startsWith("OK SMTP OK: connected to 127.0.0.1:")
                .contains("signed in as alex").contains("Greeting: 220");

        _setValue(form.smtp.password, "wrong");
        _click(form.smtp.test);
        assertThat(form.smtp.result.getElement().getTextRecursively()).startsWith("Failed Authentication rejected by 127.0.0.1:")
                .contains("535 5.7.8 Authentication credentials invalid");

        fillServer(form.imap, "127.0.0.1", mail.getImap().getPort(), ConnectionSecurity.NONE, "alex", "smtp-secret-1");
        _click(form.imap.test);
        assertThat(form.imap.result.getElement().getTextRecursively()).contains("IMAP OK").contains("INBOX opened read-only");
        assertThat(mailboxCount()).as("testing saves nothing").isEqualTo(before);
    }

    @Test
    void testConnectionUsesTheStoredPasswordOnlyForItsOwnHost() {
        Mailbox mailbox = mailbox("stored@stored-password.test", "127.0.0.1", mail.getSmtp().getPort(), "smtp-secret-1");
        MailboxesView view = open();

        MailboxForm form = editForm(view, mailbox);
        _click(form.smtp.test);
        assertThat(form.smtp.result.getElement().getTextRecursively()).contains("SMTP OK").contains("signed in as alex");

        _setValue(form.smtp.host, "localhost");
        _click(form.smtp.test);
        assertThat(form.smtp.result.getElement().getTextRecursively())
                .contains("Cannot test yet: enter the SMTP password (a stored one is only used with the host and user it was saved for)");
    }

    @Test
    void pausingNeedsAReasonAndShowsPausedUntilResumed() {
        Mailbox mailbox = mailbox("pause@pause-mailbox.test", "smtp.pause-mailbox.test", 587, "pw");
        MailboxesView view = open();

        clickInRow(view, mailbox, "Pause");
        ReasonDialog pause = _get(ReasonDialog.class);
        _click(pause.confirm);
        assertThat(pause.reason.isInvalid()).isTrue();
        _setValue(pause.reason, "Bounce rate too high");
        _click(pause.confirm);

        int row = row(view.grid, m -> m.id() == mailbox.id());
        assertThat(GridKt._getFormatted(view.grid, row, "status")).isEqualTo("Paused");
        var stored = jdbc.sql("select active, paused_reason, paused_at is not null, paused_by_health from mailbox where id = ?")
                .param(mailbox.id()).query((rs, n) -> List.of(rs.getBoolean(1), rs.getString(2), rs.getBoolean(3),
                        rs.getBoolean(4))).single();
        assertThat(stored).containsExactly(false, "Bounce rate too high", true, false);
        List<String> audit = lastAudit(jdbc, "mailbox.pause", mailbox.id());
        assertThat(audit.get(1)).contains("\"status\":\"ACTIVE\"");
        assertThat(audit.get(2)).contains("\"status\":\"PAUSED\"").contains("Bounce rate too high");

        clickInRow(view, mailbox, "Resume");
        ReasonDialog resume = _get(ReasonDialog.class);
        _setValue(resume.reason, "Bounces were a bad import");
        _click(resume.confirm);

        assertThat(GridKt._getFormatted(view.grid, row(view.grid, m -> m.id() == mailbox.id()), "status")).isEqualTo("Active");
        assertThat(lastAudit(jdbc, "mailbox.resume", mailbox.id()).get(2)).contains("Bounces were a bad import");
    }

    @Test
    void theFormKeepsAStoredPortAndSuggestsTheUsualPortWhenSecurityChanges() {
        SendingDomain domain = domain("ports.test");
        SystemActor.run(() -> mailboxes.create(new MailboxDraft("odd@ports.test", "Odd", domain.id(),
                new MailServerSettings("smtp.ports.test", 587, ConnectionSecurity.SSL, null, null),
                MailServerSettings.none(), 50, 10, 5, null)));
        MailboxesView view = open();

        Mailbox odd = GridKt._get(view.grid, row(view.grid, m -> m.address().equals("odd@ports.test")));
        MailboxForm edit = editForm(view, odd);
        assertThat(edit.smtp.port.getValue()).isEqualTo(587);
        assertThat(edit.smtp.security.getValue()).isEqualTo(ConnectionSecurity.SSL);
        edit.close();

        MailboxForm form = newForm(view);
        assertThat(form.smtp.port.getValue()).isEqualTo(587);
        _setValue(form.smtp.security, ConnectionSecurity.SSL);
        assertThat(form.smtp.port.getValue()).isEqualTo(465);
        assertThat(form.imap.port.getValue()).as("no IMAP port while IMAP is not set up").isNull();
    }

    @Test
    void anAdminPauseTakesOverAPauseByTheHealthGuard() {
        Mailbox mailbox = mailbox("guarded@health-paused.test", "smtp.health-paused.test", 587, "pw");
        jdbc.sql("""
                update mailbox set active = false, paused_reason = 'Bounce rate 9% over 24 h', paused_at = current_timestamp,
                       paused_by_health = true where id = ?
                """).param(mailbox.id()).update();
        MailboxesView view = open();
        assertThat(GridKt._getFormatted(view.grid, row(view.grid, m -> m.id() == mailbox.id()), "status")).isEqualTo("Auto-paused");

        clickInRow(view, mailbox, "Resume");
        ReasonDialog resume = _get(ReasonDialog.class);
        _setValue(resume.reason, "Checked the bounces by hand");
        _click(resume.confirm);
        SystemActor.run(() -> mailboxes.pause(mailbox.id(), "Keep it off until the new list is cleaned"));

        var stored = jdbc.sql("select active, paused_reason, paused_by_health from mailbox where id = ?").param(mailbox.id())
                .query((rs, n) -> List.of(rs.getBoolean(1), rs.getString(2), rs.getBoolean(3))).single();
        assertThat(stored).as("the guard only resumes its own pauses").containsExactly(false,
                "Keep it off until the new list is cleaned", false);
    }

    @Test
    void aMailboxThatSentMessagesIsNotDeletedButAnUnusedOneIs() {
        Mailbox used = mailbox("used@delete-mailbox.test", "smtp.delete-mailbox.test", 587, "pw");
        Mailbox unused = mailbox("unused@delete-mailbox.test", "smtp.delete-mailbox.test", 587, "pw");
        long leadId = jdbc.sql("select min(id) from lead").query(Long.class).single();
        jdbc.sql("""
                insert into outreach_message (id, lead_id, message_type, status, mailbox_id, due_at, created_at, updated_at)
                values (?, ?, 'INITIAL', 'SENT', ?, current_timestamp, current_timestamp, current_timestamp)
                """).params(UUID.randomUUID(), leadId, used.id()).update();
        MailboxesView view = open();

        clickInRow(view, used, "Delete");
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(Notifications.texts())
                .contains("used@delete-mailbox.test has sent messages and stays in their history: pause it instead of deleting it");
        assertThat(hasRow(view.grid, m -> m.id() == used.id())).isTrue();

        clickInRow(view, unused, "Delete");
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(hasRow(view.grid, m -> m.id() == unused.id())).isFalse();
        assertThat(lastAudit(jdbc, "mailbox.delete", unused.id()).get(1)).contains("unused@delete-mailbox.test");
    }

    @Test
    void operatorsCannotOpenTheViewAndTheServicesRefuseThem() {
        Mailbox mailbox = mailbox("operator@operator-refused.test", "smtp.operator-refused.test", 587, "pw");
        login("olivia", Role.OPERATOR);

        UI.getCurrent().navigate(MailboxesView.class);

        _assertOne(AccessDeniedView.class);
        _assertNone(MailboxesView.class);
        assertThatThrownBy(() -> mailboxes.pause(mailbox.id(), "because")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> mailboxes.update(mailbox.id(), draft("operator@operator-refused.test", mailbox.domainId(),
                "evil.test", 25, "pw"))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> tester.test(MailProtocol.SMTP, new MailServerSettings("127.0.0.1", 25,
                ConnectionSecurity.NONE, "alex", null), mailbox.id())).isInstanceOf(AccessDeniedException.class);
        Mailbox seen = mailboxes.find(mailbox.id()).orElseThrow();
        assertThat(seen.paused()).isFalse();
        assertThat(seen.smtp().host()).isEqualTo("smtp.operator-refused.test");
    }

    private MailboxesView open() {
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(MailboxesView.class);
        return _get(MailboxesView.class);
    }

    private static MailboxForm newForm(MailboxesView view) {
        _click(view.create);
        return _get(MailboxForm.class);
    }

    private static MailboxForm editForm(MailboxesView view, Mailbox mailbox) {
        clickInRow(view, mailbox, "Edit");
        return _get(MailboxForm.class);
    }

    private static void fillIdentity(MailboxForm form, String address, String displayName, SendingDomain domain) {
        _setValue(form.address, address);
        _setValue(form.displayName, displayName);
        _setValue(form.domain, form.domain.getListDataView().getItems().filter(d -> d.id() == domain.id())
                .findFirst().orElseThrow());
    }

    private static void fillServer(ServerSection section, String host, int port, ConnectionSecurity security,
            String username, String password) {
        _setValue(section.host, host);
        _setValue(section.security, security);
        _setValue(section.port, port);
        _setValue(section.username, username);
        _setValue(section.password, password);
    }

    private static void clickInRow(MailboxesView view, Mailbox mailbox, String button) {
        HorizontalLayout actions = (HorizontalLayout) GridKt._getCellComponent(view.grid,
                row(view.grid, m -> m.id() == mailbox.id()), "actions");
        _click(_get(actions, Button.class, spec -> spec.withText(button)));
    }

    private SendingDomain domain(String name) {
        return SystemActor.call(() -> domains.findAll()).stream().filter(d -> d.domain().equals(name)).findFirst()
                .orElseGet(() -> SystemActor.call(() -> domains.create(name, 100)));
    }

    private Mailbox mailbox(String address, String smtpHost, int smtpPort, String password) {
        SendingDomain domain = domain(address.substring(address.indexOf('@') + 1));
        return SystemActor.call(() -> mailboxes.create(draft(address, domain.id(), smtpHost, smtpPort, password)));
    }

    private static MailboxDraft draft(String address, long domainId, String smtpHost, int smtpPort, String password) {
        return new MailboxDraft(address, "Test mailbox", domainId,
                new MailServerSettings(smtpHost, smtpPort, ConnectionSecurity.NONE, "alex", password),
                MailServerSettings.none(), 50, 10, 5, null);
    }

    private String storedSmtpPassword(Mailbox mailbox) {
        return cipher.decrypt(jdbc.sql("select smtp_password_enc from mailbox where id = ?").param(mailbox.id())
                .query(String.class).single());
    }

    private int mailboxCount() {
        return jdbc.sql("select count(*) from mailbox").query(Integer.class).single();
    }
}
