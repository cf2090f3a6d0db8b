package dev.outreach.channel.linkedin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.channel.ChannelSender.SenderSession;
import dev.outreach.channel.Delivery;
import dev.outreach.channel.Delivery.Content;
import dev.outreach.channel.Delivery.Recipient;
import dev.outreach.channel.DeliveryResult;
import dev.outreach.channel.linkedin.ProviderServer.Received;
import dev.outreach.channel.linkedin.ProviderServer.Reply;
import dev.outreach.channel.ratelimit.RateLimiter;
import dev.outreach.shared.DeliveryMode;
import dev.outreach.shared.MessageStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP gateway against a stand-in provider on 127.0.0.1: what it sends, and what it makes of each answer. */
class LinkedInProviderIntegrationTests {

    /** A Wednesday: the ISO week ends on Monday 2026-03-09 00:00 UTC. */
    private static final Instant WEDNESDAY = Instant.parse("2026-03-04T10:00:00Z");
    private static final String LONG_MESSAGE = ("Hi Jane, I saw that Doe Plumbing now covers the whole north side. "
            + "We help plumbing companies of your size fill the quiet weeks with booked jobs. ").repeat(4).strip();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ProviderServer provider;
    private final MovableClock clock = new MovableClock(WEDNESDAY);
    private final RateLimiter limiter = RateLimiter.inProcess(clock);

    @BeforeAll
    static void startProvider() throws Exception {
        provider = new ProviderServer();
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @BeforeEach
    void forgetRequests() {
        provider.forget();
    }

    @Test
    void aConnectionRequestGoesOutWithTheKeyAndANoteOfAtMost300Characters() {
        provider.answer(Reply.of(200, "{\"id\":\"abc\"}"));
        UUID messageId = UUID.randomUUID();

        DeliveryResult result = deliver(service(settings("sales-1", 100)), connect(messageId, LONG_MESSAGE));

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        assertThat(result.providerMessageId()).isEqualTo("abc");
        assertThat(result.details()).contains("connection request to https://www.linkedin.com/in/jane-doe")
                .contains("note shortened from " + LONG_MESSAGE.length());
        Received request = onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1/connection-requests");
        assertThat(request.authorization()).isEqualTo("Bearer test-key");
        assertThat(request.idempotencyKey()).isEqualTo(messageId.toString());
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("profile").asString()).isEqualTo("jane-doe");
        assertThat(body.path("account").asString()).isEqualTo("sales-1");
        String note = body.path("note").asString();
        assertThat(note).hasSizeLessThanOrEqualTo(300).endsWith("…");
        assertThat(LONG_MESSAGE).startsWith(note.substring(0, note.length() - 1));
        assertThat(Character.isWhitespace(LONG_MESSAGE.charAt(note.length() - 1))).isTrue();
    }

    @Test
    void theProvidersRateLimitIsARetryAfterItsRetryAfter() {
        provider.answer(new Reply(429, Map.of("Retry-After", "120"), "{\"error\":\"slow down\"}", Duration.ZERO));

        DeliveryResult result = deliver(service(settings("sales-1", 100)), connect(UUID.randomUUID(), "Hi Jane"));

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.retryable()).isTrue();
        assertThat(result.retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(result.reason()).isEqualTo("provider rate limit (429)");
        assertThat(result.isHardFailure()).isFalse();
    }

    @Test
    void aServerErrorIsRetried() {
        provider.answer(Reply.of(500, "{\"error\":\"internal\"}"));

        DeliveryResult result = deliver(service(settings("sales-1", 100)), connect(UUID.randomUUID(), "Hi Jane"));

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.retryable()).isTrue();
        assertThat(result.retryAfter()).isEmpty();
        assertThat(result.reason()).contains("HTTP 500");
    }

    @Test
    void aRefusedKeyIsAHardFailureWithTheStatusAndTheProvidersWords() {
        provider.answer(Reply.of(401, "{\"error\":\"invalid api key\"}"));

        DeliveryResult result = deliver(service(settings("sales-1", 100)), connect(UUID.randomUUID(), "Hi Jane"));

        assertThat(result.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(result.retryable()).isFalse();
        assertThat(result.isHardFailure()).isTrue();
        assertThat(result.reason()).contains("HTTP 401").contains("invalid api key");
    }

    @Test
    void aDirectMessageGoesToMessagesWithItsWholeText() {
        provider.answer(Reply.of(201, "{}"));

        DeliveryResult result = deliver(service(settings("sales-1", 100)),
                delivery(UUID.randomUUID(), "follow_up", LONG_MESSAGE, DeliveryMode.LIVE));

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        assertThat(result.providerMessageId()).isNull();
        Received request = onlyRequest();
        assertThat(request.path()).isEqualTo("/api/v1/messages");
        assertThat(JSON.readTree(request.body()).path("text").asString()).isEqualTo(LONG_MESSAGE);
    }

    @Test
    void theWeeklyCapStopsThe101stInvitationOfAnAccountUntilMonday() {
        LinkedInOutreachService service = service(settings("sales-1", 100));
        SenderSession session = service.openSession();
        for (int i = 0; i < 100; i++) {
            assertThat(session.deliver(connect(UUID.randomUUID(), "Hi Jane")).status()).isEqualTo(MessageStatus.SENT);
        }

        DeliveryResult refused = session.deliver(connect(UUID.randomUUID(), "Hi Jane"));

        assertThat(refused.status()).isEqualTo(MessageStatus.PENDING);
        assertThat(refused.deferred()).as("our own cap defers; it is not a channel failure").isTrue();
        assertThat(refused.reason()).isEqualTo("weekly invitation cap of 100 reached for account sales-1");
        assertThat(refused.retryAfter()).contains(Duration.between(WEDNESDAY, Instant.parse("2026-03-09T00:00:00Z")));
        assertThat(provider.received()).hasSize(100);
        // messages are not invitations, and another account has its own week
        assertThat(session.deliver(delivery(UUID.randomUUID(), "follow_up", "Hi", DeliveryMode.LIVE)).status())
                .isEqualTo(MessageStatus.SENT);
        assertThat(deliver(service(settings("sales-2", 100)), connect(UUID.randomUUID(), "Hi")).status())
                .isEqualTo(MessageStatus.SENT);

        clock.moveTo(Instant.parse("2026-03-09T00:00:01Z"));
        assertThat(session.deliver(connect(UUID.randomUUID(), "Hi Jane")).status()).isEqualTo(MessageStatus.SENT);
    }

    @Test
    void noAnswerInTimeRetriesAnInvitationButNeverADirectMessage() {
        provider.answer(new Reply(200, Map.of(), "{\"id\":\"late\"}", Duration.ofMillis(1500)));
        LinkedInOutreachService service = new LinkedInOutreachService(() -> settings("sales-1", 100), null,
                limiter, new LinkedInProperties(Duration.ofSeconds(1), Duration.ofMillis(300)), JSON, clock);

        DeliveryResult invitation = deliver(service, connect(UUID.randomUUID(), "Hi Jane"));
        DeliveryResult message = deliver(service, delivery(UUID.randomUUID(), "follow_up", "Hi", DeliveryMode.LIVE));

        assertThat(invitation.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(invitation.retryable()).isTrue();
        assertThat(message.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(message.retryable()).isFalse();
        assertThat(message.reason()).contains("may have been sent");
    }

    @Test
    void sandboxRecordsWhatWouldHaveBeenSentAndCallsNobody() {
        DeliveryResult result = deliver(service(settings("sales-1", 100)),
                delivery(UUID.randomUUID(), "linkedin_connect", "Hi Jane", DeliveryMode.SANDBOX));

        assertThat(result.status()).isEqualTo(MessageStatus.SENT);
        assertThat(result.providerMessageId()).startsWith("sandbox:");
        assertThat(result.details())
                .isEqualTo("SANDBOX: would send connection request to https://www.linkedin.com/in/jane-doe: Hi Jane");
        assertThat(provider.received()).isEmpty();
    }

    @Test
    void aLeadWithoutAProfileIsSkipped() {
        Recipient noProfile = new Recipient(7, "Jane", "Doe", "Doe Plumbing", "jane@doe.example", null,
                "javascript:alert(1)", null, null, null);
        Delivery delivery = new Delivery(UUID.randomUUID(), "connection_request", 1, noProfile,
                new Content(null, "Hi", null), null, DeliveryMode.LIVE);

        DeliveryResult result = deliver(service(settings("sales-1", 100)), delivery);

        assertThat(result.status()).isEqualTo(MessageStatus.SKIPPED);
        assertThat(result.reason()).isEqualTo("lead has no LinkedIn profile");
        assertThat(provider.received()).isEmpty();
    }

    @Test
    void badSettingsFailTheAttemptNamingTheSetting() {
        Map<String, String> noKey = Map.of("gateway", "HTTP", "provider_base_url", provider.baseUrl());

        DeliveryResult result = deliver(service(noKey), connect(UUID.randomUUID(), "Hi"));

        assertThat(result.isHardFailure()).isTrue();
        assertThat(result.reason()).contains("settings.provider_api_key");
        assertThat(provider.received()).isEmpty();
    }

    @Test
    void retryAfterMayBeAnHttpDate() {
        Instant now = Instant.parse("2026-03-04T10:00:00Z");

        assertThat(LinkedInProviderClient.retryAfter("Wed, 04 Mar 2026 10:02:30 GMT", now))
                .contains(Duration.ofSeconds(150));
        assertThat(LinkedInProviderClient.retryAfter("Wed, 04 Mar 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(LinkedInProviderClient.retryAfter("soon", now)).isEmpty();
    }

    private LinkedInOutreachService service(Map<String, String> settings) {
        // no ManualTaskService: the HTTP gateway never queues tasks
        return new LinkedInOutreachService(() -> settings, null, limiter, LinkedInProperties.defaults(), JSON, clock);
    }

    private Map<String, String> settings(String account, int weeklyCap) {
        return Map.of("gateway", "HTTP", "provider_base_url", provider.baseUrl(), "provider_api_key", "test-key",
                "account", account, "weekly_invitation_cap", Integer.toString(weeklyCap));
    }

    private static DeliveryResult deliver(LinkedInOutreachService service, Delivery delivery) {
        try (SenderSession session = service.openSession()) {
            return session.deliver(delivery);
        }
    }

    private static Delivery connect(UUID messageId, String text) {
        return delivery(messageId, "connection_request", text, DeliveryMode.LIVE);
    }

    private static Delivery delivery(UUID messageId, String messageType, String text, DeliveryMode mode) {
        Recipient jane = new Recipient(7, "Jane", "Doe", "Doe Plumbing", "jane@doe.example", "jane-doe", null, null,
                null, null);
        return new Delivery(messageId, messageType, 1, jane, new Content(null, text, null), null, mode);
    }

    private Received onlyRequest() {
        List<Received> received = provider.received();
        assertThat(received).hasSize(1);
        return received.getFirst();
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void moveTo(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
