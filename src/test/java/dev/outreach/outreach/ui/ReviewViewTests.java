package dev.outreach.outreach.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.sidenav.SideNavItem;
import dev.outreach.console.ui.CommandCenterView;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.outreach.OutreachService;
import dev.outreach.outreach.ReviewAction;
import dev.outreach.outreach.ReviewItem;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.support.KaribuTest;
import dev.outreach.support.Notifications;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The review queue: messages in doubt, what is known of each, and a person's bulk decisions. */
class ReviewViewTests extends KaribuTest {

    @Autowired
    LeadService leads;
    @Autowired
    OutreachService outreach;
    @Autowired
    JdbcClient jdbc;

    private final String token = Long.toString(System.nanoTime(), 36);
    private final List<UUID> created = new ArrayList<>();
    private long leadId;

    @BeforeEach
    void aLead() {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Rosa <b>Bold</b>");
        draft.setLastName("Quint");
        draft.setCompany("<img src=x onerror=alert(1)> Quint Roofing " + token);
        draft.setEmail("rosa-" + token + "@quint-roofing.com");
        draft.setLinkedin("https://www.linkedin.com/in/rosa-quint-" + token);
        leadId = SystemActor.call(() -> leads.create(draft));
    }

    @AfterEach
    void removeTheMessages() {
        created.forEach(id -> {
            jdbc.sql("delete from outreach_attempt where message_id = ?").param(id).update();
            jdbc.sql("delete from outreach_message where id = ?").param(id).update();
        });
    }

    @Test
    void theQueueShowsWhatIsKnownOfEachMessageWithLeadValuesAsText() {
        long mailboxId = jdbc.sql("select id from mailbox order by id fetch first 1 rows only").query(Long.class).single();
        String mailbox = jdbc.sql("select address from mailbox where id = ?").param(mailboxId).query(String.class).single();
        UUID email = inDoubt(0, "Email " + token, mailboxId);
        UUID earlier = inDoubt(0, "Earlier " + token, mailboxId);
        jdbc.sql("update outreach_message set status = 'FAILED', needs_review = false where id = ?").param(earlier).update();
        jdbc.sql("""
                insert into outreach_attempt (message_id, channel, attempt_number, status, error, attempted_at)
                values (?, 'EMAIL', 1, 'FAILED', '421 4.7.0 Try again later', ?)
                """).params(earlier, Timestamp.from(Instant.parse("2030-01-02T03:04:00Z"))).update();
        UUID linkedin = inDoubt(1, "LinkedIn " + token, null);
        login("olivia", Role.OPERATOR);

        UI.getCurrent().navigate(ReviewView.class);
        ReviewView view = _get(ReviewView.class);

        int emailRow = row(view, email);
        assertThat(GridKt._getFormatted(view.grid, emailRow, "lead")).isEqualTo("Rosa <b>Bold</b> Quint");
        assertThat(GridKt._getFormatted(view.grid, emailRow, "company")).isEqualTo("<img src=x onerror=alert(1)> Quint Roofing " + token);
        assertThat(GridKt._getFormatted(view.grid, emailRow, "channel")).isEqualTo("Email");
        assertThat(GridKt._getFormatted(view.grid, emailRow, "mailbox")).isEqualTo(mailbox);
        assertThat(GridKt._getFormatted(view.grid, emailRow, "attempt")).isEqualTo("1");
        assertThat(GridKt._getFormatted(view.grid, emailRow, "reason")).isEqualTo("Sending was interrupted (crash or restart)");
        assertThat(GridKt._getFormatted(view.grid, emailRow, "smtp"))
                .as("the mailbox's last SMTP reply, from the attempts history").isEqualTo("2030-01-02 03:04 UTC: 421 4.7.0 Try again later");

        int linkedinRow = row(view, linkedin);
        assertThat(GridKt._getFormatted(view.grid, linkedinRow, "channel")).isEqualTo("LinkedIn");
        assertThat(GridKt._getFormatted(view.grid, linkedinRow, "mailbox")).isEqualTo("not recorded");
        ReviewItem item = GridKt._get(view.grid, linkedinRow);
        assertThat(item.inFlight()).isEqualTo("LinkedIn to https://www.linkedin.com/in/rosa-quint-" + token
                + ", subject \"LinkedIn " + token + "\"");
        assertThat(view.count.getText()).endsWith("messages to review");
        assertThat(view.drop.isEnabled()).as("nothing selected yet").isFalse();
    }

    @Test
    void anOperatorConfirmsTwoMessagesSentAfterAConfirmationAndEachIsAudited() {
        UUID first = inDoubt(0, "First " + token, null);
        UUID second = inDoubt(0, "Second " + token, null);
        UUID untouched = inDoubt(0, "Untouched " + token, null);
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(ReviewView.class);
        ReviewView view = _get(ReviewView.class);
        int before = outreach.reviewCount();

        view.grid.select(GridKt._get(view.grid, row(view, first)));
        view.grid.select(GridKt._get(view.grid, row(view, second)));
        _click(view.confirmSent);
        assertThat(status(first)).as("nothing changes before the confirmation").isEqualTo("SENDING true");
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(Notifications.texts()).contains("2 messages confirmed sent");
        assertThat(status(first)).isEqualTo("SENT false");
        assertThat(status(second)).isEqualTo("SENT false");
        assertThat(status(untouched)).isEqualTo("SENDING true");
        assertThat(reason(first)).isEqualTo("Confirmed sent by olivia");
        assertThat(audit(first)).containsExactly("outreach.review-sent by olivia");
        assertThat(audit(second)).containsExactly("outreach.review-sent by olivia");
        assertThat(ids(view)).doesNotContain(first, second).contains(untouched);
        assertThat(view.count.getText()).startsWith(String.valueOf(before - 2));
    }

    @Test
    void sendAgainQueuesTheMessageNowAndDropSkipsItForGood() {
        UUID again = inDoubt(0, "Again " + token, null);
        UUID dropped = inDoubt(0, "Dropped " + token, null);
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(ReviewView.class);
        ReviewView view = _get(ReviewView.class);

        view.grid.select(GridKt._get(view.grid, row(view, again)));
        _click(view.sendAgain);
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(Notifications.texts()).contains("1 message queued to send again");

        view.grid.select(GridKt._get(view.grid, row(view, dropped)));
        _click(view.drop);
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));
        assertThat(Notifications.texts()).contains("1 message dropped");

        // the dispatcher may already have claimed and sent the one queued again: either way it left the doubt
        assertThat(status(again)).isIn("PENDING false", "SENDING false", "SENT false");
        assertThat(reason(dropped)).isEqualTo("Dropped by ada after review");
        assertThat(status(dropped)).isEqualTo("SKIPPED false");
        assertThat(audit(again)).containsExactly("outreach.review-resend by ada");
        assertThat(audit(dropped)).containsExactly("outreach.review-drop by ada");
    }

    @Test
    void aMessageSettledMeanwhileBySomeoneElseIsLeftAsItIsAndSaidSo() {
        UUID settledElsewhere = inDoubt(0, "Raced " + token, null);
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(ReviewView.class);
        ReviewView view = _get(ReviewView.class);
        view.grid.select(GridKt._get(view.grid, row(view, settledElsewhere)));
        SystemActor.run(() -> outreach.resolveReviews(List.of(settledElsewhere), ReviewAction.CONFIRM_SENT));

        _click(view.drop);
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class));

        assertThat(Notifications.texts()).contains("0 messages dropped; 1 already settled by someone else, left as they were");
        assertThat(status(settledElsewhere)).isEqualTo("SENT false");
        assertThat(audit(settledElsewhere)).containsExactly("outreach.review-sent by system");
    }

    @Test
    void aRoleWithoutRightsIsRefusedInTheServiceAndNothingChanges() {
        UUID id = inDoubt(0, "Refused " + token, null);
        var authorities = List.of(new SimpleGrantedAuthority("ROLE_API_CLIENT"));
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated("mallory", null, authorities));

        assertThatThrownBy(() -> outreach.resolveReviews(List.of(id), ReviewAction.DROP))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> outreach.reviewQueue(0, 10)).isInstanceOf(AccessDeniedException.class);
        assertThat(status(id)).isEqualTo("SENDING true");
        assertThat(audit(id)).isEmpty();
    }

    @Test
    void theMenuAndTheCommandCenterShowTheCountAndLeadToTheQueue() {
        inDoubt(0, "Counted " + token, null);
        login("olivia", Role.OPERATOR);

        UI.getCurrent().navigate(CommandCenterView.class);

        int count = SystemActor.call(outreach::reviewCount);
        assertThat(count).isPositive();
        SideNavItem review = _find(SideNavItem.class).stream().filter(item -> item.getLabel().equals("Review"))
                .findFirst().orElseThrow();
        assertThat(review.getPath()).endsWith("review");
        assertThat(review.getSuffixComponent().getElement().getText()).isEqualTo(String.valueOf(count));
        Anchor link = _get(Anchor.class, spec -> spec.withClasses("review-link"));
        assertThat(link.getText()).isEqualTo(count + (count == 1 ? " message in doubt needs" : " messages in doubt need")
                + " a person: review");
        assertThat(link.getHref()).isEqualTo("review");
    }

    private UUID inDoubt(int stepIndex, String subject, Long mailboxId) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into outreach_message (id, lead_id, touch, message_type, subject, body, status, needs_review,
                    status_reason, due_at, created_at, updated_at, step_index, lease_until, mailbox_id)
                values (?, ?, 0, 'cold_outreach', ?, 'Hi Rosa', 'SENDING', true,
                    'Sending was interrupted (crash or restart)', ?, ?, ?, ?, ?, ?)
                """).params(id, leadId, subject, now, now, now, stepIndex, now, mailboxId).update();
        created.add(id);
        return id;
    }

    private static int row(ReviewView view, UUID id) {
        for (int i = 0; i < GridKt._size(view.grid); i++) {
            if (GridKt._get(view.grid, i).message().id().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("Message " + id + " is not in the review queue");
    }

    private static List<UUID> ids(ReviewView view) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < GridKt._size(view.grid); i++) {
            ids.add(GridKt._get(view.grid, i).message().id());
        }
        return ids;
    }

    private String status(UUID id) {
        return jdbc.sql("select status || ' ' || case when needs_review then 'true' else 'false' end from outreach_message where id = ?").param(id)
                .query(String.class).single();
    }

    private String reason(UUID id) {
        return jdbc.sql("select status_reason from outreach_message where id = ?").param(id).query(String.class).single();
    }

    private List<String> audit(UUID id) {
        return jdbc.sql("""
                select action || ' by ' || actor from audit_log
                where entity_type = 'outreach_message' and entity_id = ? order by id
                """).param(id.toString()).query(String.class).list();
    }
}
