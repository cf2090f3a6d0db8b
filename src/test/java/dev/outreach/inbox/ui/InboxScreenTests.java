package dev.outreach.inbox.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import dev.outreach.inbox.InboxFixtures;
import dev.outreach.inbox.InboxRow;
import dev.outreach.inbox.IntentLabel;
import dev.outreach.security.Role;
import dev.outreach.support.KaribuTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Inbox screen with its real sections, as an operator works a reply: open it, see the label,
 * the actions and the composer under the thread, relabel it, mark the lead interested, assign it,
 * answer it; after each, what the list, the card and the thread show, and what the database holds.
 * The replies are on days of their own, picked with the date filter, apart from other tests'.
 */
class InboxScreenTests extends KaribuTest {

    @Autowired
    JdbcClient jdbc;

    private LocalDate day;
    private long lead;
    private long reply;
    private String ada;

    /** The thread's mailbox is paused, so that the reply from the console waits in the outbox of the shared context. */
    @BeforeEach
    void aLeadWhoAnsweredOurTouch() {
        InboxFixtures fixtures = new InboxFixtures(context);
        day = LocalDate.of(2010, 1, 1).plusDays(InboxFixtures.unique() % 3000);
        long campaign = fixtures.campaign("Inbox screen");
        long mailbox = fixtures.mailbox();
        jdbc.sql("update mailbox set active = false, paused_reason = 'Warming down' where id = ?").param(mailbox).update();
        lead = fixtures.lead("Nora", "Screen", "Screen & Sons");
        long enrollment = fixtures.enroll(lead, campaign);
        UUID touch = fixtures.touch(lead, enrollment, mailbox, "EMAIL", "cold_outreach", at(8), "Boiler service",
                "Hi Nora,\nworth a call?");
        reply = fixtures.reply(lead, touch, mailbox, at(10), "REPLY", "Re: Boiler service", "Not for us, thanks.");
        fixtures.label(reply, lead, IntentLabel.INTERESTED);
        ada = fixtures.user(Role.OPERATOR);
    }

    @AfterEach
    void withdrawTheConsoleReply() {
        jdbc.sql("delete from outreach_message where lead_id = ? and message_type = 'console_reply'").param(lead).update();
    }

    @Test
    void anOperatorRelabelsMarksAssignsAndAnswersAReplyFromTheScreen() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(InboxView.class);
        InboxView view = _get(InboxView.class);
        view.from.setValue(day);
        view.to.setValue(day);
        assertThat(GridKt._findAll(view.grid)).extracting(InboxRow::replyId).containsExactly(reply);

        GridKt._clickItem(view.grid, 0);

        assertThat(view.detail.getChildren().skip(1).map(section -> section.getClassNames().stream().findFirst().orElse("")))
                .as("the actions, then the composer, under the thread").containsExactly("inbox-actions-section", "reply-composer");
        ReplyLabelForm label = _get(ReplyLabelForm.class);
        assertThat(label.inForce.getText()).isEqualTo("Interested · rule, 90% · test label");

        label.label.setValue(IntentLabel.NOT_INTERESTED);
        _click(label.relabel);

        assertThat(GridKt._getFormattedRow(view.grid, 0)).contains("Not interested (person)");
        assertThat(jdbc.sql("select from_label || ' > ' || to_label || ' by ' || relabelled_by from reply_intent_relabel"
                + " where reply_id = ?").param(reply).query(String.class).list()).containsExactly("INTERESTED > NOT_INTERESTED by olivia");
        assertThat(card("inbox-card-labels")).isEqualTo("Not interested");

        _click(_get(InboxActionsPanel.class).notInterested);

        assertThat(card("inbox-card-outcome")).isEqualTo("Not interested");
        assertThat(card("inbox-card-campaigns")).contains(": touch 1, STOPPED");

        InboxActionsPanel actions = _get(InboxActionsPanel.class);
        assertThat(actions.assignee.getValue()).isNull();
        actions.assignee.setValue(ada);
        _click(actions.assign);

        assertThat(card("inbox-card-assigned-to")).isEqualTo(ada);
        view.assignee.setValue(ada);
        assertThat(GridKt._findAll(view.grid)).extracting(InboxRow::replyId).containsExactly(reply);
        assertThat(GridKt._getFormattedRow(view.grid, 0)).contains(ada);

        _setValue(_get(TextArea.class, spec -> spec.withLabel("Your reply")), "Understood, Nora. Thanks for saying so.");
        _click(_get(Button.class, spec -> spec.withText("Send reply")));

        assertThat(thread()).last().isEqualTo("Understood, Nora. Thanks for saying so.");
        assertThat(descendants(view.detail).filter(c -> c.getClassNames().contains("inbox-message-meta"))
                .map(c -> ((Span) c).getText()).toList().getLast()).contains("via EMAIL · PENDING");
        assertThat(_get(Span.class, spec -> spec.withClasses("reply-composer-status")).getText())
                .as("the composer keeps what it said: the thread is redrawn, not the sections")
                .startsWith("Queued: \"Re: Boiler service\" goes out from sales@").endsWith("mailbox is paused: Warming down");
    }

    private List<String> thread() {
        return descendants(_get(InboxThreadPanel.class).thread).filter(c -> c.getClassNames().contains("inbox-message-text"))
                .map(c -> c.getElement().getText()).toList();
    }

    private static String card(String className) {
        return descendants(_get(InboxThreadPanel.class).card).filter(c -> c.getClassNames().contains(className))
                .map(c -> ((Span) c).getText()).findFirst().orElseThrow();
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(InboxScreenTests::descendants));
    }

    private Instant at(int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }
}
