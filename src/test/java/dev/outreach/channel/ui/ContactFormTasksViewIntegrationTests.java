package dev.outreach.channel.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.sun.net.httpserver.HttpServer;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.outreach.channel.ChannelConfigService;
import dev.outreach.channel.ChannelSettings;
import dev.outreach.channel.task.ManualTaskView;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.outreach.OutboxDispatcher;
import dev.outreach.outreach.OutreachService;
import dev.outreach.outreach.SequenceResult;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.MessageStatus;
import dev.outreach.support.KaribuTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A contact form behind a CAPTCHA, end to end in LIVE mode: the real sender fetches a loopback
 * page, queues a task instead of skipping, the operator works it in the Contact form tasks view,
 * and the message ends as the operator said. The site never receives a submission from us. Its
 * context is its own (the URL guard allows the site), hence an IntegrationTests class: one JVM.
 */
@TestPropertySource(properties = "outreach.dispatch.enabled=false")
class ContactFormTasksViewIntegrationTests extends KaribuTest {

    private static final String PAGE = """
            <html><head><script src="https://www.google.com/recaptcha/api.js" async defer></script></head><body>
            <form id="contact-form" action="/contact/send" method="post">
              <label for="n">Your name</label><input id="n" name="your-name" required>
              <label for="e">Email</label><input id="e" name="your-email" type="email" required>
              <label for="s">Service &lt;i&gt;needed&lt;/i&gt;</label>
              <select id="s" name="service" required><option value="Repair" selected>Repair</option></select>
              <label for="m">Message</label><textarea id="m" name="your-message" required></textarea>
              <input type="hidden" name="_token" value="abc123">
              <div style="display:none"><label for="u">Website</label><input id="u" name="url" value="http://"></div>
              <div class="g-recaptcha" data-sitekey="6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI"></div>
              <button type="submit">Send</button>
            </form></body></html>""";
    private static final List<String> posts = new CopyOnWriteArrayList<>();
    private static HttpServer site;

    @Autowired
    OutreachService outreach;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    ChannelConfigService channels;
    @Autowired
    LeadService leads;
    @Autowired
    JdbcClient jdbc;

    private ChannelSettings original;

    @BeforeAll
    static void startSite() throws Exception {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.start();
    }

    @AfterAll
    static void stopSite() {
        site.stop(0);
    }

    /** The URL guard refuses loopback; this test's site is the one address it is told to allow. */
    @DynamicPropertySource
    static void allowTheSite(DynamicPropertyRegistry registry) {
        registry.add("outreach.contact-form.allowed-hosts", () -> "127.0.0.1:" + site.getAddress().getPort());
    }

    @BeforeEach
    void liveWithCaptchasHandedToOperators() {
        jdbc.sql("update sales_engine_config set delivery_mode = 'LIVE'").update();
        original = SystemActor.call(() -> channels.get(ChannelType.CONTACT_FORM));
        contactFormSettings(Map.of("from_name", "Sam Seller", "from_email", "sam@outreach.example",
                "captcha_to_operator", "true"));
        posts.clear();
    }

    @AfterEach
    void backToSandbox() {
        jdbc.sql("update sales_engine_config set delivery_mode = 'SANDBOX'").update();
        SystemActor.call(() -> channels.update(original));
    }

    @Test
    void theOperatorPastesTheValuesAndMarksTheTaskSentSoTheMessageIsSentOnTheContactForm() {
        String token = Long.toString(System.nanoTime(), 36);
        SequenceResult waiting = send("Hi Pat,\nquick question " + token);
        assertThat(waiting.status()).isEqualTo(MessageStatus.PENDING);
        long taskId = taskOf(waiting.messageId());

        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(ContactFormTasksView.class);
        ContactFormTasksView view = _get(ContactFormTasksView.class);
        int row = rowOf(view.queue, taskId);
        Anchor page = (Anchor) GridKt._getCellComponent(view.queue.grid, row, "link");
        assertThat(page.getHref()).isEqualTo(pageUrl());
        assertThat(page.getText()).isEqualTo("Open page");

        view.queue.grid.select(GridKt._get(view.queue.grid, row));

        assertThat(view.form.values).extracting(ContactFormTasksViewIntegrationTests::label, ContactFormTasksViewIntegrationTests::value)
                .containsExactly(tuple("Your name", "Sam Seller"), tuple("Email", "sam@outreach.example"),
                        tuple("Service <i>needed</i>", "Repair"), tuple("Message", "Hi Pat,\nquick question " + token));
        assertThat(view.form.values).allMatch(field -> ((com.vaadin.flow.component.HasValue<?, ?>) field).isReadOnly());
        assertThat(view.form.values.getLast()).isInstanceOf(TextArea.class);

        _click(_get(GridKt._getCellComponent(view.queue.grid, row, "actions"), Button.class,
                spec -> spec.withText("Mark sent")));

        assertThat(ids(view.queue)).doesNotContain(taskId);
        assertThat(message(waiting.messageId())).isEqualTo("SENT on CONTACT_FORM");
        List<String> attempts = attempts(waiting.messageId());
        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(0)).startsWith("EMAIL SKIPPED");
        assertThat(attempts.get(1)).startsWith("LINKEDIN SKIPPED");
        assertThat(attempts.get(2)).isEqualTo("CONTACT_FORM SENT Operator: sent");
        assertThat(posts).as("a person submitted it, not us").isEmpty();
    }

    @Test
    void aSkippedTaskMovesTheMessageOnAsItsSequenceSays() {
        SequenceResult waiting = send("Hi Pat, about your spring schedule");
        long taskId = taskOf(waiting.messageId());
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(ContactFormTasksView.class);
        ContactFormTasksView view = _get(ContactFormTasksView.class);

        _click(_get(GridKt._getCellComponent(view.queue.grid, rowOf(view.queue, taskId), "actions"), Button.class,
                spec -> spec.withText("Skip")));
        NoteDialog dialog = _get(NoteDialog.class);
        _setValue(dialog.note, "The form asks for a login");
        _click(dialog.confirm);
        SystemActor.call(dispatcher::dispatchBatch);

        // the contact form was the sequence's last channel: nothing is left to try
        assertThat(message(waiting.messageId())).startsWith("FAILED");
        assertThat(attempts(waiting.messageId())).last()
                .isEqualTo("CONTACT_FORM SKIPPED Operator: skipped: The form asks for a login");
        assertThat(posts).isEmpty();
    }

    @Test
    void withoutTheSettingTheFormIsSkippedForItsCaptchaAndNoTaskIsQueued() {
        contactFormSettings(Map.of("from_name", "Sam Seller", "from_email", "sam@outreach.example"));

        SequenceResult result = send("Hi Pat, one more question");

        assertThat(attempts(result.messageId())).last()
                .isEqualTo("CONTACT_FORM SKIPPED CAPTCHA (reCAPTCHA) protects the contact form");
        assertThat(jdbc.sql("select count(*) from manual_task where message_id = :id").param("id", result.messageId())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void theSettingIsCheckedWhenSavedAndItsChangeIsAudited() {
        assertThatThrownBy(() -> contactFormSettings(Map.of("captcha_to_operator", "yes")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(dev.outreach.shared.FieldError::field).containsExactly("settings.captcha_to_operator"));

        assertThat(jdbc.sql("""
                select after_value from audit_log where action = 'channel-config.update' and entity_id = 'CONTACT_FORM'
                order by id desc limit 1""").query(String.class).single()).contains("\"captcha_to_operator\":\"true\"");
    }

    private void contactFormSettings(Map<String, String> settings) {
        SystemActor.call(() -> channels.update(new ChannelSettings(ChannelType.CONTACT_FORM, true, 1000, 1000, 10,
                original.maxRetries(), original.retryBackoffHours(), original.templates(), new HashMap<>(settings),
                null, null)));
    }

    private SequenceResult send(String body) {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Pat");
        draft.setCompany("Pat Plumbing " + UUID.randomUUID());
        draft.setContactFormUrl(pageUrl());
        long leadId = SystemActor.call(() -> leads.create(draft));
        return SystemActor.call(() -> outreach.sendOutreachMessage(leadId, "Spring tune-ups", body));
    }

    private static String pageUrl() {
        return "http://127.0.0.1:" + site.getAddress().getPort() + "/contact";
    }

    private long taskOf(UUID messageId) {
        String waitingFor = jdbc.sql("select waiting_for from outreach_message where id = :id").param("id", messageId)
                .query(String.class).single();
        assertThat(waitingFor).startsWith("task:");
        return Long.parseLong(waitingFor.substring("task:".length()));
    }

    private String message(UUID id) {
        return jdbc.sql("select status, channel_used from outreach_message where id = :id").param("id", id)
                .query((rs, n) -> rs.getString(1) + " on " + rs.getString(2)).single();
    }

    private List<String> attempts(UUID id) {
        return jdbc.sql("select channel, status, error from outreach_attempt where message_id = :id order by id")
                .param("id", id)
                .query((rs, n) -> (rs.getString(1) + " " + rs.getString(2) + " "
                        + (rs.getString(3) == null ? "" : rs.getString(3))).strip())
                .list();
    }

    private static String label(Component field) {
        return field instanceof TextArea area ? area.getLabel() : ((TextField) field).getLabel();
    }

    private static String value(Component field) {
        return field instanceof TextArea area ? area.getValue() : ((TextField) field).getValue();
    }

    private static List<Long> ids(ManualTaskGrid queue) {
        return GridKt._findAll(queue.grid).stream().map(ManualTaskView::id).toList();
    }

    private static int rowOf(ManualTaskGrid queue, long id) {
        int row = ids(queue).indexOf(id);
        assertThat(row).as("task %d in the queue", id).isNotNegative();
        return row;
    }
}
