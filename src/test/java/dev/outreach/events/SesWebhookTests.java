package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.channel.UrlGuard;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The SNS checks on their own: signature, topic, time and the certificate URL rule. */
class SesWebhookTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Function<String, String> NO_HEADERS = name -> null;

    private final SesWebhook ses = new SesWebhook(properties(), SnsTestServer.INSTANCE.endpoints(), JSON);

    private static WebhookProperties properties() {
        return new WebhookProperties(new WebhookProperties.SendGrid(null), new WebhookProperties.Generic(null),
                new WebhookProperties.Mailgun(null), new WebhookProperties.Postmark(null, null, null),
                new WebhookProperties.Ses(List.of(SnsTestServer.TOPIC)));
    }

    private static ObjectNode notification(String version) {
        ObjectNode message = JSON.createObjectNode();
        message.put("Type", "Notification");
        message.put("MessageId", "6d7c2b8a-1111-4222-8333-944455556666");
        message.put("TopicArn", SnsTestServer.TOPIC);
        message.put("Message", "{\"eventType\":\"Delivery\",\"mail\":{\"timestamp\":\"2026-01-01T00:00:00Z\","
                + "\"messageId\":\"ses-1\"},\"delivery\":{\"timestamp\":\"2026-01-01T00:00:01Z\"}}");
        message.put("Timestamp", Instant.now().toString());
        message.put("SignatureVersion", version);
        message.put("SigningCertURL", SnsTestServer.INSTANCE.certificateUrl());
        String canonical = "Message\n" + message.get("Message").asString() + "\nMessageId\n" + message.get("MessageId").asString()
                + "\nTimestamp\n" + message.get("Timestamp").asString() + "\nTopicArn\n" + SnsTestServer.TOPIC
                + "\nType\nNotification\n";
        message.put("Signature", SnsTestServer.INSTANCE.sign(canonical, version));
        return message;
    }

    private void verify(ObjectNode message) {
        ses.verify(message.toString().getBytes(StandardCharsets.UTF_8), NO_HEADERS, Instant.now());
    }

    @Test
    void signaturesOfVersionOneAndTwoAreAccepted() {
        verify(notification("1"));
        verify(notification("2"));
        assertThat(ses.parse(notification("2").toString().getBytes(StandardCharsets.UTF_8)).events())
                .extracting(EmailEvent::kind).containsExactly(EmailEventKind.DELIVERED);
    }

    @Test
    void aTamperedMessageIsRefused() {
        ObjectNode message = notification("2");
        message.put("Message", message.get("Message").asString().replace("Delivery", "Complaint"));

        assertThatThrownBy(() -> verify(message)).isInstanceOf(EmailWebhook.Rejected.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void aMessageOfAnotherTopicIsRefusedEvenWhenSignedBySns() {
        ObjectNode message = notification("2");
        message.put("TopicArn", "arn:aws:sns:us-east-1:999999999999:someone-elses-topic");

        assertThatThrownBy(() -> verify(message)).isInstanceOf(EmailWebhook.Rejected.class)
                .hasMessageContaining("is not one of outreach.webhooks.ses.topic-arns");
    }

    @Test
    void aStaleMessageIsRefused() {
        ObjectNode message = notification("2");
        message.put("Timestamp", Instant.now().minusSeconds(2 * 3600).toString());

        assertThatThrownBy(() -> verify(message)).isInstanceOf(EmailWebhook.Rejected.class)
                .hasMessageContaining("more than an hour");
    }

    @Test
    void aCertificateUrlOffTheSnsHostsIsRefusedBeforeAnyFetch() {
        ObjectNode message = notification("2");
        message.put("SigningCertURL", "https://evil.example/SimpleNotificationService.pem");

        assertThatThrownBy(() -> verify(message)).isInstanceOf(EmailWebhook.Rejected.class)
                .hasMessageContaining("SigningCertURL must be https://sns.<region>.amazonaws.com/");
    }

    @Test
    void theProductionRuleAllowsOnlyHttpsOnSnsHosts() {
        assertThat(SnsEndpoints.SNS_URLS.test(URI.create("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-1.pem")))
                .isTrue();
        assertThat(SnsEndpoints.SNS_URLS.test(URI.create("https://sns.cn-north-1.amazonaws.com.cn/x.pem"))).isTrue();
        for (String refused : List.of("http://sns.us-east-1.amazonaws.com/x.pem",
                "https://sns.us-east-1.amazonaws.com.evil.example/x.pem", "https://evil.example/sns.us-east-1.amazonaws.com",
                "https://user@sns.us-east-1.amazonaws.com/x.pem", "https://sns.us-east-1.amazonaws.com:8443/x.pem",
                "https://s3.us-east-1.amazonaws.com/x.pem", "https://127.0.0.1:" + SnsTestServer.INSTANCE.port() + "/x.pem")) {
            assertThat(SnsEndpoints.SNS_URLS.test(URI.create(refused))).as(refused).isFalse();
        }
    }

    @Test
    void theApplicationsEndpointsRefuseTheLocalServerThatTestsUse() {
        SnsEndpoints production = new SnsEndpoints(new UrlGuard(List.of()));

        assertThatThrownBy(() -> production.certificate(SnsTestServer.INSTANCE.certificateUrl()))
                .isInstanceOf(EmailWebhook.Rejected.class).hasMessageContaining("must be https://sns.");
        assertThatThrownBy(() -> production.confirm(SnsTestServer.INSTANCE.subscribeUrl("t")))
                .isInstanceOf(EmailWebhook.Rejected.class).hasMessageContaining("SubscribeURL must be https://sns.");
    }
}
