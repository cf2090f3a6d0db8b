package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.events.InboundCorpus.Kind;
import dev.outreach.events.InboundCorpus.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbound corpus as found on disk: every sample has a manifest its kind understands, the
 * corpus covers the clients, gateways and providers it claims to, and a file the integration test
 * could not run fails the loading with its name rather than being skipped.
 */
class InboundCorpusTests {

    @TempDir
    Path root;

    @Test
    void theCorpusHasEveryKindAndCoversEveryClientGatewayAndProvider() {
        List<Sample> corpus = InboundCorpus.all();

        assertThat(InboundCorpus.of(Kind.MAIL)).hasSizeGreaterThanOrEqualTo(45);
        assertThat(InboundCorpus.of(Kind.WEBHOOK)).hasSizeGreaterThanOrEqualTo(30);
        assertThat(InboundCorpus.of(Kind.TRACKING)).hasSizeGreaterThanOrEqualTo(25);
        assertThat(corpus).hasSize(InboundCorpus.of(Kind.MAIL).size() + InboundCorpus.of(Kind.WEBHOOK).size()
                + InboundCorpus.of(Kind.TRACKING).size());
        assertThat(names(Kind.TRACKING)).contains("gmail", "yahoo", "apple-mpp", "outlook-desktop", "outlook-web",
                "thunderbird", "ios-mail-without-mpp", "defender", "mimecast", "proofpoint", "barracuda", "cisco", "sophos",
                "head-probe", "rapid-multi-link", "xff-trusted", "xff-untrusted", "xff-spoofed");
        assertThat(names(Kind.WEBHOOK)).contains("generic/", "sendgrid/", "mailgun/", "postmark/", "ses/");
        assertThat(InboundCorpus.of(Kind.MAIL)).extracting(Sample::effect).contains("BOUNCE_HARD", "BOUNCE_SOFT",
                "DEFERRED", "COMPLAINT", "REPLY", "AUTO_REPLY", "CHALLENGE", "NONE");
    }

    @Test
    void aWebhookSampleOfSeveralRequestsIsPostedInTheirOrder() throws IOException {
        write("webhook/generic/retry.2.json", "second");
        write("webhook/generic/retry.1.json", "first");
        write("webhook/generic/retry.expected", "effect=a retry\napplied=1\nevents.DELIVERED=1");

        Sample sample = InboundCorpus.read(root).getFirst();

        assertThat(sample.name()).isEqualTo("generic/retry");
        assertThat(sample.provider()).isEqualTo("generic");
        assertThat(sample.parts()).containsExactly("first", "second");
    }

    @Test
    void aSampleWithoutItsManifestFailsNamingTheFile() throws IOException {
        write("mail/bounce.eml", "Subject: x");
        write("tracking/open.http", "GET open");
        write("tracking/open.expected", "verdict=HUMAN");

        assertThatThrownBy(() -> InboundCorpus.read(root)).hasMessageContaining(
                "mail/bounce.eml: a sample without its manifest mail/bounce.expected").hasMessageNotContaining("open");
    }

    @Test
    void aManifestKeyTheTestDoesNotKnowFailsNamingTheFileAndTheKey() throws IOException {
        write("webhook/ses/bounce.json", "{}");
        write("webhook/ses/bounce.expected", "effect=bounced\nevents.BOUNCED=1\nevent.DELIVERED=1");
        write("tracking/open.http", "GET open");
        write("tracking/open.expected", "verdict=HUMAN\n2.stored=false\nrule=person\nstroed=false");

        assertThatThrownBy(() -> InboundCorpus.read(root))
                .hasMessageContaining("webhook/ses/bounce.expected: unknown key 'event.DELIVERED'")
                .hasMessageContaining("tracking/open.expected: unknown key 'stroed'")
                .hasMessageNotContaining("'events.BOUNCED'").hasMessageNotContaining("'2.stored'");
    }

    @Test
    void aManifestWithoutItsSampleOrAFileOfNoKindFailsNamingIt() throws IOException {
        write("mail/reply.expected", "effect=REPLY");
        write("mail/reply.txt", "a reply, misnamed");
        write("webhook/sendgrid.json", "[]");

        assertThatThrownBy(() -> InboundCorpus.read(root)).hasMessageContaining("mail/reply.expected: a manifest without its sample")
                .hasMessageContaining("mail/reply.txt: neither a").hasMessageContaining("webhook/sendgrid.json: not in a sample folder");
    }

    private String names(Kind kind) {
        return String.join(" ", InboundCorpus.of(kind).stream().map(Sample::name).toList());
    }

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
