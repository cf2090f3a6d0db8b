package dev.outreach.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.content.LlmProperties;
import dev.outreach.content.OpenAiStub;
import dev.outreach.events.InboundReplies;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.AutoReplyReceived;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ReplyReceived;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The intent service on the embedded database: a reply is labelled once when its event arrives,
 * what the rules leave open goes to the (stub) model, people relabel with their name kept, and the
 * agreement counts what they kept. The context is the one the unit and Karibu tests share (one
 * more context would install its own security context strategy under theirs), so the service
 * with a model is assembled here from its beans and a model pointed at the loopback stub.
 */
@SpringBootTest
@ActiveProfiles("test")
class ReplyIntentsTests {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime());
    private static final OpenAiStub MODEL = new OpenAiStub();

    @AfterAll
    static void stopModel() {
        MODEL.close();
    }

    @Autowired
    ReplyIntents intents;
    @Autowired
    InboundReplies replies;
    @Autowired
    LeadService leads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ReplyIntentStore store;
    @Autowired
    AuditLog auditLog;
    @Autowired
    Clock clock;
    @Autowired
    InboxProperties properties;

    /** The service as it runs with {@code outreach.llm.base-url} set: its model is the stub. */
    private ReplyIntents withModel() {
        ReplyIntentModel model = new ReplyIntentModel(new LlmProperties(MODEL.baseUrl(), "", "stub-model", Duration.ofSeconds(10), 0, 0.7));
        return new ReplyIntents(store, model, replies, auditLog, clock, properties, transaction, events);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aReplyIsLabelledByTheRulesWhenItArrivesAndOnlyOnce() {
        long leadId = lead();
        long replyId = reply(leadId, "REPLY", null, "Please remove me from your list.");

        arrives(new ReplyReceived(leadId, "imap reply", Instant.now()));
        arrives(new ReplyReceived(leadId, "imap reply again", Instant.now()));

        ReplyLabel label = signedIn("OPERATOR", () -> intents.labelOf(replyId)).orElseThrow();
        assertThat(label.intent().label()).isEqualTo(IntentLabel.UNSUBSCRIBE_REQUEST);
        assertThat(label.intent().source()).isEqualTo(IntentSource.RULE);
        assertThat(label.awaitingModel()).isFalse();
        assertThat(audits(replyId, "reply.intent")).hasSize(1);
    }

    @Test
    void anOutOfOfficeIsLabelledWithItsReturnDateWhenItArrives() {
        long leadId = lead();
        long replyId = reply(leadId, "AUTO_REPLY", "Out of office until 2026-03-16; enrollment paused (Auto-Submitted: auto-replied)",
                "I am out of the office until 16 March 2026.");

        arrives(new AutoReplyReceived(leadId, "imap automatic answer", Instant.parse("2026-03-02T09:00:00Z")));

        ReplyIntent intent = signedIn("ADMIN", () -> intents.labelOf(replyId)).orElseThrow().intent();
        assertThat(intent.label()).isEqualTo(IntentLabel.OUT_OF_OFFICE);
        assertThat(intent.date()).contains(LocalDate.of(2026, 3, 16));
        assertThat(intent.reason()).contains("Auto-Submitted: auto-replied");
    }

    @Test
    void whatTheRulesLeaveOpenTheModelLabelsLaterAndAPersonCanRelabel() {
        long leadId = lead();
        long replyId = reply(leadId, "REPLY", null, "Hm. What would this look like for a team of our size?");
        ReplyIntents withModel = withModel();
        ReplyLabel open = transaction.execute(tx -> withModel.classify(replies.find(replyId).orElseThrow()));
        assertThat(open.intent().label()).isEqualTo(IntentLabel.AUTO_REPLY_OTHER);
        assertThat(open.intent().confidence()).isEqualTo(ReplyIntent.LOW_CONFIDENCE);
        assertThat(open.awaitingModel()).isTrue();

        MODEL.answer("""
                {"label":"INTERESTED","confidence":0.72,"reason":"asks how it fits their team","date":"","referral_name":"",
                 "referral_email":""}""");
        int labelled = withModel.labelOpenRepliesWithModel();

        assertThat(labelled).isGreaterThanOrEqualTo(1);
        ReplyLabel byModel = signedIn("OPERATOR", () -> intents.labelOf(replyId)).orElseThrow();
        assertThat(byModel.intent().label()).isEqualTo(IntentLabel.INTERESTED);
        assertThat(byModel.intent().source()).isEqualTo(IntentSource.MODEL);
        assertThat(byModel.intent().reason()).isEqualTo("asks how it fits their team");
        assertThat(byModel.awaitingModel()).isFalse();

        ReplyLabel relabelled = signedIn("OPERATOR", () -> intents.relabel(replyId, ReplyIntents.Relabel.to(IntentLabel.MEETING_REQUEST)));

        assertThat(relabelled.intent().label()).isEqualTo(IntentLabel.MEETING_REQUEST);
        assertThat(relabelled.intent().source()).isEqualTo(IntentSource.PERSON);
        assertThat(relabelled.machineLabel()).isEqualTo(IntentLabel.INTERESTED);
        assertThat(relabelled.machineSource()).isEqualTo(IntentSource.MODEL);
        assertThat(jdbc.sql("select relabelled_by || ':' || from_label || '>' || to_label from reply_intent_relabel where reply_id = ?")
                .param(replyId).query(String.class).list()).containsExactly("operator-user:INTERESTED>MEETING_REQUEST");
        assertThat(audits(replyId, "reply.relabel")).singleElement().asString().startsWith("operator-user");
    }

    @Test
    void theAgreementIsTheShareOfReviewedMachineLabelsPeopleKept() {
        Agreement before = signedIn("ADMIN", intents::agreement);
        long kept = labelled("Sounds interesting, tell me more.");
        long changed = labelled("No thanks.");
        labelled("Can we talk next week?");

        signedIn("OPERATOR", () -> intents.relabel(kept, ReplyIntents.Relabel.to(IntentLabel.INTERESTED)));
        signedIn("OPERATOR", () -> intents.relabel(changed, ReplyIntents.Relabel.to(IntentLabel.NOT_NOW)));
        Agreement after = signedIn("ADMIN", intents::agreement);

        assertThat(after.labelled() - before.labelled()).isEqualTo(3);
        Agreement.Reviewed rules = after.bySource().get(IntentSource.RULE);
        Agreement.Reviewed rulesBefore = before.bySource().getOrDefault(IntentSource.RULE, new Agreement.Reviewed(0, 0));
        assertThat(rules.reviewed() - rulesBefore.reviewed()).isEqualTo(2);
        assertThat(rules.kept() - rulesBefore.kept()).isEqualTo(1);
        assertThat(after.overall().share()).isPresent();
    }

    @Test
    void relabellingNeedsASignedInUserAndValidInputAndChangesNothingOtherwise() {
        long replyId = labelled("No thanks.");

        assertThatThrownBy(() -> intents.relabel(replyId, ReplyIntents.Relabel.to(IntentLabel.INTERESTED)))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> signedIn("OPERATOR", () -> intents.relabel(replyId, new ReplyIntents.Relabel(
                IntentLabel.WRONG_PERSON, Optional.empty(), Optional.of("Jo"), Optional.of("jo at acme")))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("referralEmail");
        assertThatThrownBy(() -> signedIn("OPERATOR", () -> intents.relabel(-1, ReplyIntents.Relabel.to(IntentLabel.INTERESTED))))
                .isInstanceOf(InvalidInputException.class);

        ReplyLabel label = signedIn("OPERATOR", () -> intents.labelOf(replyId)).orElseThrow();
        assertThat(label.intent().label()).isEqualTo(IntentLabel.NOT_INTERESTED);
        assertThat(label.intent().source()).isEqualTo(IntentSource.RULE);
        assertThat(jdbc.sql("select count(*) from reply_intent_relabel where reply_id = ?").param(replyId).query(Long.class)
                .single()).isZero();
    }

    private long labelled(String text) {
        long leadId = lead();
        long replyId = reply(leadId, "REPLY", null, text);
        arrives(new ReplyReceived(leadId, "imap reply", Instant.now()));
        return replyId;
    }

    private void arrives(Object event) {
        transaction.executeWithoutResult(tx -> events.publishEvent(event));
    }

    private List<String> audits(long replyId, String action) {
        return jdbc.sql("select actor || ' ' || after_value from audit_log where entity_type = 'email_reply' and entity_id = ? and action = ?")
                .params(String.valueOf(replyId), action).query(String.class).list();
    }

    private long lead() {
        long n = SEQUENCE.incrementAndGet();
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Intent");
        draft.setLastName("Lead " + n);
        draft.setEmail("intent-" + n + "@prospect.example");
        return SystemActor.call(() -> leads.create(draft));
    }

    /** A row as the IMAP poller records it (the events module's table; written here only to set the scene). */
    private long reply(long leadId, String kind, String note, String text) {
        Timestamp now = Timestamp.from(Instant.parse("2026-03-02T09:00:00Z"));
        UUID messageId = UUID.randomUUID();
        jdbc.sql("""
                insert into outreach_message (id, lead_id, touch, message_type, channel_used, subject, body, status,
                    due_at, sent_at, created_at, updated_at, step_index)
                values (?, ?, 1, 'cold_outreach', 'EMAIL', 'Hello', 'Body', 'REPLIED', ?, ?, ?, ?, 0)
                """).params(messageId, leadId, now, now, now, now).update();
        jdbc.sql("""
                insert into email_reply (message_id, lead_id, header_message_id, from_address, subject, excerpt, received_at, kind, note)
                values (?, ?, ?, 'lead@prospect.example', 'Re: Hello', ?, ?, ?, ?)
                """).params(messageId, leadId, "<" + messageId + "@prospect.example>", text, now, kind, note).update();
        return jdbc.sql("select id from email_reply where message_id = ?").param(messageId).query(Long.class).single();
    }

    private static <T> T signedIn(String role, java.util.function.Supplier<T> work) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                role.toLowerCase() + "-user", null, List.of(new SimpleGrantedAuthority("ROLE_" + role))));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
