package dev.outreach.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.security.Role;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.support.PostgresIntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The inbox on PostgreSQL: filters, cursor pages that neither repeat nor miss a reply while new
 * ones arrive, the team's read state and unread count, the lead's thread and card, and assignment.
 * Each test works on its own days (replies received in a stretch no other test uses), so the
 * date filter keeps its rows apart from other tests' in the shared schema.
 */
class InboxPostgresIntegrationTests extends PostgresIntegrationTest {

    @Autowired
    Inbox inbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    private InboxFixtures fixtures;
    private LocalDate day;

    @BeforeEach
    void scene() {
        fixtures = new InboxFixtures(context);
        day = LocalDate.of(2031, 1, 1).plusDays(InboxFixtures.unique() % 3000);
    }

    @Test
    void filtersNarrowTheListAndEachRowShowsLeadCampaignMailboxLabelAndSnippet() {
        long spring = fixtures.campaign("Spring");
        long autumn = fixtures.campaign("Autumn");
        long mailboxA = fixtures.mailbox();
        long mailboxB = fixtures.mailbox();
        long ana = fixtures.lead("Ana", "Silva", "Silva Roofing");
        long ben = fixtures.lead("Ben", "Okoro", "Okoro HVAC");
        UUID toAna = fixtures.touch(ana, fixtures.enroll(ana, spring), mailboxA, "EMAIL", "cold_outreach", at(0, 8), "Spring tune-up", "Hi Ana");
        UUID toBen = fixtures.touch(ben, fixtures.enroll(ben, autumn), mailboxB, "EMAIL", "cold_outreach", at(0, 8), "Autumn check", "Hi Ben");
        long interested = fixtures.reply(ana, toAna, mailboxA, at(0, 10), "REPLY", "Re: Spring tune-up",
                "Sounds good, send me times for a call next week.\nThanks, Ana");
        long away = fixtures.reply(ben, toBen, mailboxB, at(1, 9), "AUTO_REPLY", "Out of office", "I am away until Monday.");
        long notNow = fixtures.reply(ben, toBen, mailboxB, at(2, 9), "REPLY", "Re: Autumn check", "Not now, maybe in September.");
        fixtures.label(interested, ana, IntentLabel.INTERESTED);
        fixtures.label(away, ben, IntentLabel.OUT_OF_OFFICE);
        fixtures.label(notNow, ben, IntentLabel.NOT_NOW);
        String operator = fixtures.user(Role.OPERATOR);
        InboxFilter these = InboxFilter.all().withDates(day, day.plusDays(2));

        List<InboxRow> all = operator(() -> inbox.page(these, null, 50).rows());
        assertThat(all).extracting(InboxRow::replyId).containsExactly(notNow, away, interested);
        InboxRow row = all.get(2);
        assertThat(row.leadName()).isEqualTo("Ana Silva");
        assertThat(row.company()).isEqualTo("Silva Roofing");
        assertThat(row.campaign()).hasValueSatisfying(name -> assertThat(name).startsWith("Spring "));
        assertThat(row.mailbox()).hasValueSatisfying(address -> assertThat(address).startsWith("sales@inbox"));
        assertThat(row.label()).contains(IntentLabel.INTERESTED);
        assertThat(row.labelSource()).contains(IntentSource.RULE);
        assertThat(row.subject()).isEqualTo("Re: Spring tune-up");
        assertThat(row.snippet()).isEqualTo("Sounds good, send me times for a call next week. Thanks, Ana");
        assertThat(row.read()).isFalse();
        assertThat(all.get(1).automatic()).isTrue();

        assertThat(ids(these.withLabel(IntentLabel.NOT_NOW))).containsExactly(notNow);
        assertThat(ids(these.withCampaign(spring))).containsExactly(interested);
        assertThat(ids(these.withMailbox(mailboxB))).containsExactly(notNow, away);
        assertThat(ids(these.withDates(day.plusDays(1), day.plusDays(1)))).containsExactly(away);
        assertThat(ids(these.withCampaign(autumn).withLabel(IntentLabel.INTERESTED))).isEmpty();

        operator(() -> inbox.markRead(away));
        assertThat(ids(these.withUnreadOnly(true))).containsExactly(notNow, interested);

        operator(() -> {
            inbox.assign(ben, operator);
            return null;
        });
        assertThat(ids(these.withAssignee(operator))).containsExactly(notNow, away);
        assertThat(operator(() -> inbox.page(these, null, 50).rows()).get(0).assignee()).contains(operator);
    }

    @Test
    void pagesWalkEveryReplyOnceWhileNewRepliesArrive() {
        long lead = fixtures.lead("Pia", "Paging", "Paging Plumbing");
        UUID touch = fixtures.touch(lead, null, null, "EMAIL", "cold_outreach", at(0, 0), "Hello", "Hi");
        Set<Long> written = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            // every third pair shares its instant: the cursor must split ties by id
            written.add(fixtures.reply(lead, touch, null, at(0, 1).plusSeconds(60L * (i / 3)), "REPLY", "Re: Hello " + i, "Reply " + i));
        }
        InboxFilter these = InboxFilter.all().withDates(day, day);

        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String after = cursor;
            InboxPage page = operator(() -> inbox.page(these, after, 7));
            page.rows().forEach(row -> seen.add(row.replyId()));
            cursor = page.next().orElse(null);
            pages++;
            // a newer reply arrives between pages: it belongs before the first page, not in the pages to come
            fixtures.reply(lead, touch, null, at(0, 23).plusSeconds(pages), "REPLY", "Re: Hello late " + pages, "Late reply");
        } while (cursor != null);

        assertThat(pages).isEqualTo(4);
        assertThat(seen).doesNotHaveDuplicates().hasSize(25).containsExactlyInAnyOrderElementsOf(written);
        assertThat(seen.stream().map(id -> jdbc.sql("select received_at from email_reply where id = ?").param(id)
                .query(java.sql.Timestamp.class).single()).toList()).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void openingAReplyMarksItReadForTheTeamAndShowsTheWholeThreadAndCard() {
        long campaign = fixtures.campaign("Thread");
        long mailbox = fixtures.mailbox();
        long lead = fixtures.lead("Tom", "Thread", "Thread Electric");
        long enrollment = fixtures.enroll(lead, campaign);
        UUID first = fixtures.touch(lead, enrollment, mailbox, "EMAIL", "cold_outreach", at(0, 8), "First touch", "Hi Tom");
        fixtures.touch(lead, enrollment, null, "LINKEDIN", "follow_up", at(0, 12), null, "Connecting on LinkedIn");
        long reply = fixtures.reply(lead, first, mailbox, at(1, 9), "REPLY", "Re: First touch", "Interested, call me.");
        fixtures.label(reply, lead, IntentLabel.INTERESTED);
        // a reply sent from the console is an outreach message of its own type: it is in the thread too
        fixtures.touch(lead, enrollment, mailbox, "EMAIL", "console_reply", at(1, 11), "Re: First touch", "Great, Tuesday at 10?");
        int unread = operator(inbox::unreadCount);

        OpenReply open = operator(() -> inbox.open(reply));

        assertThat(open.reply().read()).isTrue();
        assertThat(operator(inbox::unreadCount)).isEqualTo(unread - 1);
        assertThat(jdbc.sql("select read_by from inbox_read where reply_id = ?").param(reply).query(String.class).single())
                .isEqualTo("olga");
        assertThat(open.thread()).extracting(ThreadEntry::ours, ThreadEntry::channel, ThreadEntry::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(true, "EMAIL", "Hi Tom"),
                org.assertj.core.groups.Tuple.tuple(true, "LINKEDIN", "Connecting on LinkedIn"),
                org.assertj.core.groups.Tuple.tuple(false, "EMAIL", "Interested, call me."),
                org.assertj.core.groups.Tuple.tuple(true, "EMAIL", "Great, Tuesday at 10?"));
        assertThat(open.thread().get(2).label()).contains(IntentLabel.INTERESTED);
        LeadCard card = open.card();
        assertThat(card.name()).isEqualTo("Tom Thread");
        assertThat(card.company()).contains("Thread Electric");
        assertThat(card.title()).contains("Owner");
        assertThat(card.enrollments()).singleElement().satisfies(e -> {
            assertThat(e.campaignId()).isEqualTo(campaign);
            assertThat(e.status()).isNotBlank();
        });
        assertThat(card.labels()).containsExactly(IntentLabel.INTERESTED);

        assertThat(operator(() -> inbox.markUnread(reply))).isTrue();
        assertThat(operator(inbox::unreadCount)).isEqualTo(unread);
        assertThat(operator(() -> inbox.markUnread(reply))).isFalse();
    }

    @Test
    void assigningToAUserThatDoesNotExistIsRefusedNamingTheFieldAndChangesNothing() {
        long lead = fixtures.lead("Una", "Assigned", "Assigned Solar");
        String operator = fixtures.user(Role.OPERATOR);
        operator(() -> {
            inbox.assign(lead, operator);
            return null;
        });
        int audits = audits(lead);

        assertThatThrownBy(() -> operator(() -> {
            inbox.assign(lead, "nobody-by-this-name");
            return null;
        })).isInstanceOfSatisfying(InvalidInputException.class, refused -> {
            assertThat(refused.errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("assignee");
                assertThat(error.message()).isEqualTo("No user is called 'nobody-by-this-name'");
            });
        });

        assertThat(operator(() -> inbox.assigneeOf(lead))).contains(operator);
        assertThat(audits(lead)).isEqualTo(audits);
        assertThat(jdbc.sql("select after_value from audit_log where entity_type = 'lead' and entity_id = ? and action = 'inbox.assign'")
                .param(String.valueOf(lead)).query(String.class).list()).containsExactly(operator);
        operator(() -> {
            inbox.assign(lead, " ");
            return null;
        });
        assertThat(operator(() -> inbox.assigneeOf(lead))).isEmpty();
    }

    @Test
    void theInboxIsForSignedInOperatorsAndAdminsOnly() {
        assertThatThrownBy(() -> inbox.unreadCount()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> operator(() -> inbox.page(InboxFilter.all(), "not-a-cursor", 10)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        refused -> assertThat(refused.errors().getFirst().field()).isEqualTo("cursor"));
        assertThatThrownBy(() -> operator(() -> inbox.page(InboxFilter.all(), null, 0)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        refused -> assertThat(refused.errors().getFirst().field()).isEqualTo("size"));
    }

    private List<Long> ids(InboxFilter filter) {
        return operator(() -> inbox.page(filter, null, 50).rows().stream().map(InboxRow::replyId).toList());
    }

    private int audits(long lead) {
        return jdbc.sql("select count(*) from audit_log where entity_type = 'lead' and entity_id = ?")
                .param(String.valueOf(lead)).query(Integer.class).single();
    }

    private Instant at(int plusDays, int hour) {
        return day.plusDays(plusDays).atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    private static <T> T operator(Supplier<T> work) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "olga", null, List.of(new SimpleGrantedAuthority("ROLE_OPERATOR"))));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
