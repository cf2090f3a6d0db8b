package dev.outreach.inbox.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.dom.Element;
import dev.outreach.inbox.Inbox;
import dev.outreach.inbox.InboxFixtures;
import dev.outreach.inbox.InboxRow;
import dev.outreach.inbox.IntentLabel;
import dev.outreach.security.Role;
import dev.outreach.support.KaribuTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Inbox screen against the real services: filtered by label, a reply opened shows the lead's
 * thread and card (lead data as text, never HTML), the unread count drops, and every thread
 * section is given the opened thread. Each test's replies are on days of their own, picked with
 * the date filter, apart from other tests' in the shared database.
 */
class InboxViewTests extends KaribuTest {

    @Autowired
    Inbox inbox;

    private InboxFixtures fixtures;
    private LocalDate day;
    private long lead;
    private long campaign;
    private long mailbox;
    private long interested;
    private long unsubscribe;

    @BeforeEach
    void scene() {
        fixtures = new InboxFixtures(context);
        day = LocalDate.of(2032, 1, 1).plusDays(InboxFixtures.unique() % 3000);
        campaign = fixtures.campaign("Inbox view");
        mailbox = fixtures.mailbox();
        lead = fixtures.lead("Rosa", "<b>Diaz</b>", "Diaz & Sons <script>alert(1)</script>");
        long enrollment = fixtures.enroll(lead, campaign);
        UUID touch = fixtures.touch(lead, enrollment, mailbox, "EMAIL", "cold_outreach", at(0, 8), "Spring tune-up",
                "Hi Rosa,\nworth a call?");
        interested = fixtures.reply(lead, touch, mailbox, at(0, 10), "REPLY", "Re: Spring tune-up",
                "Yes please <img src=x onerror=alert(1)>\nCall me Tuesday.");
        unsubscribe = fixtures.reply(lead, touch, mailbox, at(1, 10), "REPLY", "Re: Spring tune-up", "Remove me from your list.");
        fixtures.label(interested, lead, IntentLabel.INTERESTED);
        fixtures.label(unsubscribe, lead, IntentLabel.UNSUBSCRIBE_REQUEST);
    }

    @Test
    void filteringByLabelShowsOnlyThatLabelsReplies() {
        login("olivia", Role.OPERATOR);
        InboxView view = openInbox();

        assertThat(GridKt._findAll(view.grid)).extracting(InboxRow::replyId).containsExactly(unsubscribe, interested);
        view.label.setValue(IntentLabel.INTERESTED);

        List<InboxRow> rows = GridKt._findAll(view.grid);
        assertThat(rows).extracting(InboxRow::replyId).containsExactly(interested);
        assertThat(GridKt._getFormattedRow(view.grid, 0)).contains("Interested (rule)", "Rosa <b>Diaz</b>", "Unread");
    }

    @Test
    void openingAReplyShowsTheThreadAndCardAsTextAndTheUnreadCountDrops() {
        login("olivia", Role.OPERATOR);
        InboxView view = openInbox();
        int unread = unreadCount(view);

        assertThat(menuCount()).isEqualTo(String.valueOf(unread));
        GridKt._clickItem(view.grid, 1);

        assertThat(unreadCount(view)).isEqualTo(unread - 1);
        assertThat(menuCount()).as("the menu entry's count, redrawn without a navigation").isEqualTo(String.valueOf(unread - 1));
        InboxThreadPanel panel = _get(view.detail, InboxThreadPanel.class);
        List<String> messages = texts(panel.thread, "inbox-message-text");
        assertThat(messages).containsExactly("Hi Rosa,\nworth a call?", "Yes please <img src=x onerror=alert(1)>\nCall me Tuesday.",
                "Remove me from your list.");
        // untrusted text is the element's text, never markup: its only child is a text node
        descendants(panel.thread).filter(c -> c.getClassNames().contains("inbox-message-text"))
                .forEach(body -> assertThat(body.getElement().getChildren()).allMatch(Element::isTextNode));
        assertThat(text(panel.card, "inbox-card-company")).isEqualTo("Diaz & Sons <script>alert(1)</script>");
        assertThat(text(panel.card, "inbox-card-campaigns")).startsWith("Inbox view ").contains(": touch 1, ACTIVE");
        assertThat(text(panel.card, "inbox-card-labels")).isEqualTo("Unsubscribe request, Interested");
        assertThat(GridKt._getFormattedRow(view.grid, 1)).doesNotContain("Unread");

        _click(view.markUnread);
        assertThat(unreadCount(view)).isEqualTo(unread);
    }

    @Test
    void everyThreadSectionIsGivenTheOpenedThreadInOrder() {
        login("olivia", Role.OPERATOR);
        List<InboxThread> given = new ArrayList<>();
        InboxThreadSection second = section(20, "second", given);
        InboxThreadSection first = section(10, "first", given);
        InboxView view = new InboxView(inbox, List.of(second, first));
        UI.getCurrent().add(view);
        view.from.setValue(day);
        view.to.setValue(day.plusDays(1));

        GridKt._clickItem(view.grid, 0);

        assertThat(given).containsExactly(new InboxThread(unsubscribe, lead, java.util.Optional.of(mailbox), java.util.Optional.of(campaign)),
                new InboxThread(unsubscribe, lead, java.util.Optional.of(mailbox), java.util.Optional.of(campaign)));
        assertThat(view.detail.getChildren().filter(c -> c.getClassNames().contains("test-section"))
                .map(c -> ((Div) c).getText())).containsExactly("first", "second");
    }

    private InboxView openInbox() {
        UI.getCurrent().navigate(InboxView.class);
        InboxView view = _get(InboxView.class);
        view.from.setValue(day);
        view.to.setValue(day.plusDays(1));
        return view;
    }

    /** The count on the Inbox entry of the side navigation. */
    private static String menuCount() {
        SideNavItem item = _get(SideNavItem.class, spec -> spec.withLabel("Inbox"));
        Component badge = item.getSuffixComponent();
        assertThat(badge.getClassNames()).contains("inbox-count-badge");
        return ((Span) badge).getText();
    }

    private static int unreadCount(InboxView view) {
        return Integer.parseInt(view.unread.getText().split(" ")[0].replace(",", ""));
    }

    private static InboxThreadSection section(int order, String name, List<InboxThread> given) {
        return new InboxThreadSection() {
            @Override
            public int order() {
                return order;
            }

            @Override
            public Component create(InboxThread thread, Runnable threadChanged) {
                given.add(thread);
                Div div = new Div(name);
                div.addClassName("test-section");
                return div;
            }
        };
    }

    private static List<String> texts(Component root, String className) {
        return descendants(root).filter(c -> c.getClassNames().contains(className))
                .map(c -> c.getElement().getText()).toList();
    }

    private static String text(Component root, String className) {
        return descendants(root).filter(c -> c.getClassNames().contains(className)).map(c -> ((Span) c).getText())
                .findFirst().orElseThrow();
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(InboxViewTests::descendants));
    }

    private Instant at(int plusDays, int hour) {
        return day.plusDays(plusDays).atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }
}
