package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample of the mail corpus read by the parsers alone (no database): what kind of mail it
 * is, and for reports the recipient and status its manifest names. The integration test
 * ({@link InboundCorpusIntegrationTests}) checks the effects.
 */
class InboundMailCorpusTests {

    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    private static final UUID OURS = UUID.fromString("7d1c2a8e-4b6f-4c3a-9e21-5f0a7b3c9d11");
    static final Map<String, String> VALUES = Map.of("message-id", "<" + OURS + "@acme.test>",
            "lead-email", "jane.doe@example-plumbing.test", "mailbox", "sam@acme.test", "run", "r1",
            "trap-url", "http://127.0.0.1:9/verify?token=abc");

    static List<InboundCorpus.Sample> samples() {
        return InboundCorpus.of(InboundCorpus.Kind.MAIL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachSampleIsReadAsItsManifestSays(InboundCorpus.Sample sample) throws Exception {
        InboundMail mail = InboundMail.read(sample.message(VALUES), "uid:1:1:1", NOW);
        String recipient = sample.expected("recipient", VALUES);
        String status = sample.expected("status", VALUES);
        switch (sample.effect()) {
            case "BOUNCE_HARD", "BOUNCE_SOFT", "DEFERRED" -> {
                assertThat(mail).isInstanceOf(InboundMail.Report.class);
                DeliveryStatusReport report = ((InboundMail.Report) mail).report();
                assertThat(report.failed()).as("failed").isEqualTo(!sample.effect().equals("DEFERRED"));
                assertThat(report.hard()).as("hard").isEqualTo(sample.effect().equals("BOUNCE_HARD"));
                if (recipient != null) {
                    assertThat(report.finalRecipient()).isEqualToIgnoringCase(recipient);
                }
                if (status != null) {
                    assertThat(report.status()).isEqualTo(status);
                }
                if (!sample.name().contains("no-message-id")) {
                    assertThat(report.originalMessageId()).contains(VALUES.get("message-id"));
                }
            }
            case "COMPLAINT" -> {
                assertThat(mail).isInstanceOf(InboundMail.Complaint.class);
                FeedbackReport report = ((InboundMail.Complaint) mail).report();
                assertThat(report.originalMessageId()).contains(VALUES.get("message-id"));
                if (recipient != null) {
                    assertThat(report.recipient()).isEqualTo(recipient);
                }
            }
            case "REPLY" -> assertThat(mail).isInstanceOf(InboundMail.Reply.class);
            case "AUTO_REPLY" -> {
                assertThat(mail).isInstanceOf(InboundMail.AutoReply.class);
                String until = sample.expected("paused_until", VALUES);
                InboundMail.AutoReply automatic = (InboundMail.AutoReply) mail;
                if (until.startsWith("+")) {
                    assertThat(automatic.returnDate()).isEmpty();
                } else {
                    assertThat(automatic.returnDate().map(d -> d.plusDays(1))).contains(LocalDate.parse(until));
                }
            }
            case "CHALLENGE" -> {
                assertThat(mail).isInstanceOf(InboundMail.Challenge.class);
                assertThat(((InboundMail.Challenge) mail).link()).contains(VALUES.get("trap-url"));
            }
            case "NONE" -> assertThat(mail).isNotInstanceOf(InboundMail.AutoReply.class)
                    .isNotInstanceOf(InboundMail.Challenge.class).isNotInstanceOf(InboundMail.Complaint.class);
            default -> throw new IllegalArgumentException("Unknown effect in " + sample.name() + ": " + sample.effect());
        }
    }
}
