package dev.outreach.console.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.vaadin.flow.component.html.Anchor;
import dev.outreach.deliverability.ui.EmailHealthView;
import dev.outreach.events.EmailEventIngestion;
import dev.outreach.inbox.IntentLabel;
import dev.outreach.inbox.ReplyIntents;
import dev.outreach.outreach.OutreachQueue;
import dev.outreach.outreach.OutreachService;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.MessageStatus;
import dev.outreach.support.KaribuTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class CommandCenterViewTests extends KaribuTest {

    @Autowired
    OutreachService outreach;
    @Autowired
    OutreachQueue queue;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    EmailEventIngestion ingestion;
    @Autowired
    ReplyIntents intents;

    @AfterEach
    void emptyOutbox() {
        jdbc.sql("delete from outreach_message where subject like 'Command center %'").update();
        jdbc.sql("update mailbox set active = true, paused_reason = null").update();
    }

    @Test
    void theLandingPageShowsTodaysSendsDomainsReContactAndWhyMessagesWait() {
        login("olivia", Role.OPERATOR);
        long lead = jdbc.sql("select id from lead where email is not null and status = 'NEW' order by id fetch first 1 rows only")
                .query(Long.class).single();
        assertThat(SystemActor.call(() -> outreach.sendOutreachMessage(lead, "Command center today", "Hello")).status())
                .isEqualTo(MessageStatus.SENT);
        SystemActor.run(() -> queue.queue(lead, "Command center later", "Hello", Instant.now().plus(2, ChronoUnit.DAYS)));

        UI.getCurrent().navigate("");

        CommandCenterView view = _get(CommandCenterView.class);
        assertThat(view.today.getElement().getTextRecursively()).contains("Email: ").contains(" sent, ");
        assertThat(view.distribution.getElement().getOuterHTML()).contains("<svg").contains("Email");
        assertThat(view.domains.getElement().getTextRecursively()).contains("getsummitreach.example", "hearfromfieldpro.example");
        assertThat(view.recontact.getElement().getTextRecursively()).contains("eligible now", "recycled in the last 30 days");
        assertThat(view.waiting.getElement().getTextRecursively()).contains("Scheduled for later");
        assertThat(view.warning.isVisible()).isFalse();
        assertThat(view.nextTick.getElement().getTextRecursively()).contains("would be queued now").doesNotContain("(es)");
        assertThat(view.runTick.isVisible()).as("operators do not run the tick").isFalse();
        assertThat(view.campaigns.getHref()).as("the global view links to the campaigns").isEqualTo("campaigns");
    }

    @Test
    void theRepliesCardShowsEachRunningCampaignsRatesLinkedToItsPageAndTheClassifiersAgreement() {
        RepliedCampaign campaign = new RepliedCampaign(jdbc, transaction, ingestion, "Replies <i>card</i> " + System.nanoTime(), 40);
        campaign.reply(0, "Sounds interesting, tell me more.");
        campaign.reply(1, "Could we schedule a call next week?");
        long declined = campaign.reply(2, "No thanks, we are all set.");
        login("olivia", Role.OPERATOR);
        SystemActor.call(() -> intents.relabel(declined, ReplyIntents.Relabel.to(IntentLabel.INTERESTED)));

        UI.getCurrent().navigate("");

        CommandCenterView view = _get(CommandCenterView.class);
        Anchor link = LocatorJ._find(view.replies, Anchor.class).stream().filter(a -> a.getText().equals(campaign.name))
                .findFirst().orElseThrow();
        assertThat(link.getHref()).isEqualTo("campaigns/" + campaign.id);
        assertThat(link.getElement().getOuterHTML()).contains("Replies &lt;i&gt;card&lt;/i&gt;").doesNotContain("<i>card");
        assertThat(link.getParent().orElseThrow().getElement().getTextRecursively())
                .endsWith(": reply 7.5%, positive 7.5%, meetings 2.5% of 40 contacted");
        assertThat(view.replies.getElement().getTextRecursively()).contains("All running campaigns: Of ")
                .containsPattern("Classifier: people kept the machine's label on \\d+ of \\d+ reviewed repl(y|ies)"
                        + " \\(\\d+\\.\\d% agreement; rules \\d+ of \\d+");
    }

    @Test
    void theCommandCenterShowsTheEmailCountOfEmailHealthForTheSameWindow() {
        login("olivia", Role.OPERATOR);
        long lead = jdbc.sql("select id from lead where email is not null and status = 'NEW' order by id fetch first 1 rows only")
                .query(Long.class).single();
        SystemActor.call(() -> outreach.sendOutreachMessage(lead, "Command center counts", "Hello"));

        UI.getCurrent().navigate(EmailHealthView.class);
        Matcher health = Pattern.compile("All mail: [^;]*; (\\d+ sent, .*? clicked)\\.")
                .matcher(_get(EmailHealthView.class).getElement().getTextRecursively());
        assertThat(health.find()).isTrue();
        UI.getCurrent().navigate("");
        CommandCenterView view = _get(CommandCenterView.class);

        assertThat(health.group(1)).doesNotStartWith("0 sent");
        assertThat(view.today.getElement().getTextRecursively()).contains("Email: " + health.group(1));
    }

    @Test
    void touchesWhoseTextIsStillBeingWrittenAreCountedAsTheirOwnReason() {
        long lead = jdbc.sql("select id from lead order by id fetch first 1 rows only").query(Long.class).single();
        Instant now = Instant.now();
        // two touches the tick released before the LLM wrote them: one due already, one due tomorrow
        for (Instant due : new Instant[] {now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS)}) {
            jdbc.sql("""
                    insert into outreach_message (id, lead_id, touch, message_type, subject, status, due_at,
                        created_at, updated_at)
                    values (:id, :lead, 1, 'follow_up', 'Command center drafting', 'DRAFTING', :due, :now, :now)
                    """).param("id", java.util.UUID.randomUUID()).param("lead", lead)
                    .param("due", java.sql.Timestamp.from(due)).param("now", java.sql.Timestamp.from(now)).update();
        }
        login("olivia", Role.OPERATOR);

        UI.getCurrent().navigate(CommandCenterView.class);

        // neither is "due" for the dispatcher (it never sends a DRAFTING message) nor "scheduled for later"
        assertThat(_get(CommandCenterView.class).waiting.getElement().getTextRecursively())
                .contains("2 Waiting for its text to be written (draft pending)");
    }

    @Test
    void itWarnsWhenNoMailboxMaySend() {
        jdbc.sql("update mailbox set active = false, paused_reason = 'maintenance'").update();
        login("olivia", Role.OPERATOR);

        UI.getCurrent().navigate(CommandCenterView.class);

        assertThat(_get(CommandCenterView.class).warning.isVisible()).isTrue();
    }
}
