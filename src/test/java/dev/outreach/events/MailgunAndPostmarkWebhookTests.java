package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What Mailgun's and Postmark's verifiers refuse. */
class MailgunAndPostmarkWebhookTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static WebhookProperties properties() {
        return new WebhookProperties(new WebhookProperties.SendGrid(null), new WebhookProperties.Generic(null),
                new WebhookProperties.Mailgun("mg-key"), new WebhookProperties.Postmark("pm", "secret", "tok"),
                new WebhookProperties.Ses(List.of()));
    }

    private final MailgunWebhook mailgun = new MailgunWebhook(properties(), JSON);
    private final PostmarkWebhook postmark = new PostmarkWebhook(properties(), JSON);

    private static byte[] mailgunBody(long timestamp, String token, String signature) {
        return ("{\"signature\":{\"timestamp\":\"" + timestamp + "\",\"token\":\"" + token + "\",\"signature\":\"" + signature
                + "\"},\"event-data\":{\"event\":\"delivered\",\"id\":\"x\",\"timestamp\":1}}").getBytes(StandardCharsets.UTF_8);
    }

    private static String mac(long timestamp, String token) {
        return HexFormat.of().formatHex(MailgunWebhook.sign("mg-key".getBytes(StandardCharsets.UTF_8), "" + timestamp, token));
    }

    @Test
    void mailgunAcceptsItsSignatureAndRefusesAnotherTokenOrAStaleTimestamp() {
        long now = Instant.now().getEpochSecond();
        mailgun.verify(mailgunBody(now, "tok-1", mac(now, "tok-1")), h -> null, Instant.now());

        assertThatThrownBy(() -> mailgun.verify(mailgunBody(now, "tok-2", mac(now, "tok-1")), h -> null, Instant.now()))
                .isInstanceOf(EmailWebhook.Rejected.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> mailgun.verify(mailgunBody(now - 3600, "tok-1", mac(now - 3600, "tok-1")), h -> null,
                Instant.now())).isInstanceOf(EmailWebhook.Rejected.class).hasMessageContaining("minutes");
        assertThatThrownBy(() -> mailgun.verify("{\"event-data\":{}}".getBytes(StandardCharsets.UTF_8), h -> null,
                Instant.now())).isInstanceOf(EmailWebhook.Rejected.class).hasMessageContaining("no signature");
    }

    @Test
    void postmarkNeedsBothTheBasicAuthAndTheTokenWhenBothAreConfigured() {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("pm:secret".getBytes(StandardCharsets.UTF_8));
        Map<String, String> good = Map.of("Authorization", basic, PostmarkWebhook.TOKEN, "tok");
        postmark.verify(new byte[0], good::get, Instant.now());

        Map<String, String> wrongPassword = Map.of("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("pm:guess".getBytes(StandardCharsets.UTF_8)), PostmarkWebhook.TOKEN, "tok");
        assertThatThrownBy(() -> postmark.verify(new byte[0], wrongPassword::get, Instant.now()))
                .isInstanceOf(EmailWebhook.Rejected.class).hasMessageContaining("basic authentication");
        Map<String, String> noToken = Map.of("Authorization", basic);
        assertThatThrownBy(() -> postmark.verify(new byte[0], noToken::get, Instant.now()))
                .isInstanceOf(EmailWebhook.Rejected.class).hasMessageContaining(PostmarkWebhook.TOKEN);
    }
}
