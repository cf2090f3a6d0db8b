package dev.outreach.channel.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Pre;
import dev.outreach.channel.ChannelSender.SenderSession;
import dev.outreach.channel.Delivery;
import dev.outreach.channel.email.EmailOutreachService;
import dev.outreach.channel.email.SandboxMail;
import dev.outreach.channel.email.SandboxMailServer;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.DeliveryMode;
import dev.outreach.shared.MessageStatus;
import dev.outreach.support.KaribuTest;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

class SandboxOutboxViewTests extends KaribuTest {

    private static final String HOSTILE_HTML = "<img src=x onerror=alert(1)><p>Hi</p>";

    @Autowired
    EmailOutreachService email;
    @Autowired
    SandboxMailServer sandbox;

    @BeforeEach
    void emptyOutbox() {
        SystemActor.run(sandbox::clear);
    }

    /** Really sent over SMTP, in SANDBOX mode, to the running application's sandbox server. */
    private UUID sendSandboxEmail() {
        UUID id = UUID.randomUUID();
        var recipient = new Delivery.Recipient(1, "Jane", "Doe", null, "jane@doe-plumbing.test", null, null, null,
                null, null);
        var mailbox = new Delivery.SendingMailbox(1, "sam@acme.test", "Sam Sender",
                new Delivery.SmtpEndpoint("smtp.nowhere.invalid", 587, "STARTTLS", "sam", "s3cret"));
        var delivery = new Delivery(id, "INITIAL", 1, recipient,
                new Delivery.Content("Sandbox check " + id, "Hi Jane", HOSTILE_HTML), mailbox, DeliveryMode.SANDBOX);
        try (SenderSession session = email.openSession()) {
            assertThat(session.deliver(delivery).status()).isEqualTo(MessageStatus.SENT);
        }
        return id;
    }

    private static SandboxMail row(SandboxOutboxView view, UUID id) {
        return IntStream.range(0, GridKt._size(view.grid)).mapToObj(i -> GridKt._get(view.grid, i))
                .filter(mail -> mail.messageId().equals("<" + id + "@acme.test>")).findFirst().orElseThrow();
    }

    @Test
    void operatorReadsASandboxEmailAsTextAndCannotClear() {
        UUID id = sendSandboxEmail();
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(SandboxOutboxView.class);
        SandboxOutboxView view = _get(SandboxOutboxView.class);

        SandboxMail mail = row(view, id);
        assertThat(mail.to()).isEqualTo("Jane Doe <jane@doe-plumbing.test>");
        view.grid.select(mail);

        assertThat(_find(view.detail, Pre.class)).extracting(Pre::getText)
                .anyMatch(text -> text.contains("Message-ID: <" + id + "@acme.test>"))
                .anyMatch(text -> text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
                // the HTML part as it went out: re-serialized with the tracking pixel and footer added, shown as text
                .anyMatch(text -> text.contains("<img src=\"x\" onerror=\"alert(1)\"><p>Hi</p>"));
        assertThat(view.clear.isVisible()).isFalse();
        assertThatThrownBy(sandbox::clear).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void adminClearsTheOutbox() {
        sendSandboxEmail();
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(SandboxOutboxView.class);
        SandboxOutboxView view = _get(SandboxOutboxView.class);
        assertThat(GridKt._size(view.grid)).isPositive();

        _click(view.clear);
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(sandbox.count()).isZero();
        assertThat(GridKt._size(view.grid)).isZero();
        assertThat(view.count.getText()).isEqualTo("0 messages");
    }
}
