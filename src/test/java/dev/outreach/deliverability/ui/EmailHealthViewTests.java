package dev.outreach.deliverability.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import dev.outreach.deliverability.DeliverabilityHealth.DomainHealth;
import dev.outreach.deliverability.DeliverabilityHealth.MailboxHealth;
import dev.outreach.deliverability.EmailEventType;
import dev.outreach.deliverability.EmailScore;
import dev.outreach.deliverability.ReputationStore;
import dev.outreach.deliverability.ReputationStores;
import dev.outreach.deliverability.ReputationService;
import dev.outreach.security.Role;
import dev.outreach.support.KaribuTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class EmailHealthViewTests extends KaribuTest {

    @Autowired
    ReputationService reputation;
    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReputationStore store;

    @BeforeEach
    @AfterEach
    void forgetTheTestsTraffic() {
        jdbc.sql("update mailbox set active = true, paused_reason = null").update();
        ReputationStores.clear(store);
    }

    @Test
    void anOperatorSeesEveryDomainAndMailboxAndABouncingDomainAsPaused() {
        login("olivia", Role.OPERATOR);
        String domain = "hearfromfieldpro.example";
        for (int i = 0; i < 40; i++) {
            reputation.recordEmailEventScoped(EmailEventType.SENT, domain, "sam@" + domain);
        }
        for (int i = 0; i < 8; i++) {
            reputation.recordEmailEventScoped(EmailEventType.BOUNCED, domain, "sam@" + domain);
        }
        for (int i = 0; i < 5; i++) {
            reputation.recordEmailEventScoped(EmailEventType.DEFERRED, domain, "sam@" + domain);
        }

        UI.getCurrent().navigate(EmailHealthView.class);
        EmailHealthView view = _get(EmailHealthView.class);

        List<DomainHealth> domains = GridKt._fetch(view.domains, 0, 100);
        assertThat(domains).extracting(DomainHealth::domain)
                .contains("getsummitreach.example", "trytradeflow.example", domain);
        DomainHealth bouncing = domains.stream().filter(d -> d.domain().equals(domain)).findFirst().orElseThrow();
        assertThat(bouncing.score().status()).isEqualTo(EmailScore.Status.CRITICAL);
        assertThat(bouncing.score().throttle()).isEqualTo(EmailScore.Throttle.PAUSED);
        assertThat(bouncing.score().metrics().bounced()).isEqualTo(8);
        assertThat(GridKt._getFormattedRow(view.domains, domains.indexOf(bouncing))).contains("8 (20.0%, 95% CI 10.5%-34.8%)", "Span[text='Critical', @theme='badge error']");
        List<MailboxHealth> mailboxes = GridKt._fetch(view.mailboxes, 0, 100);
        assertThat(mailboxes).extracting(MailboxHealth::address).contains("alex@getsummitreach.example",
                "jordan@trytradeflow.example", "sam@" + domain);
        MailboxHealth sam = mailboxes.stream().filter(m -> m.address().equals("sam@" + domain)).findFirst().orElseThrow();
        assertThat(sam.eligible()).isFalse();
        int deferredColumn = view.mailboxes.getColumns().indexOf(view.mailboxes.getColumnByKey("deferred"));
        assertThat(view.mailboxes.getColumnByKey("deferred").getHeaderText()).isEqualTo("Deferred");
        assertThat(GridKt._getFormattedRow(view.mailboxes, mailboxes.indexOf(sam)).get(deferredColumn)).isEqualTo("5");
        assertThat(bouncing.score().metrics().deferred()).isEqualTo(5);
        assertThat(sam.skipReason()).contains("reputation is paused");
        assertThat(view.warning.isVisible()).isFalse();
        _assertNone(Anchor.class, spec -> spec.withText("No healthy mailbox: email is waiting"));
    }

    @Test
    void theViewWarnsWhenNoMailboxMaySend() {
        jdbc.sql("update mailbox set active = false, paused_reason = 'maintenance'").update();
        login("olivia", Role.OPERATOR);

        UI.getCurrent().navigate(EmailHealthView.class);

        EmailHealthView view = _get(EmailHealthView.class);
        assertThat(view.warning.isVisible()).isTrue();
        assertThat(view.warning.getText()).contains("No healthy mailbox");
        // every page's header carries the warning, linking here
        assertThat(_get(Anchor.class, spec -> spec.withText("No healthy mailbox: email is waiting")).getHref())
                .isEqualTo("deliverability");
    }
}
