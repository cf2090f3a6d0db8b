package dev.outreach.channel.contactform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.channel.UrlGuard;
import dev.outreach.channel.contactform.CorpusSite.Received;
import dev.outreach.shared.MessageStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every page of {@code src/test/resources/contact-form-corpus} served over HTTPS, submitted by
 * the real channel, and what reaches the site compared with the page's manifest: method, path,
 * encoding and every field, byte for byte. A page added to the folder is tested as it is.
 */
class ContactFormCorpusIntegrationTests {

    private static final Path CORPUS = Path.of("src/test/resources/contact-form-corpus");
    private static final Map<String, int[]> PER_BUILDER = new TreeMap<>();

    private static CorpusSite site;
    private static ContactFormOutreachService service;

    @BeforeAll
    static void startSite() throws Exception {
        site = new CorpusSite(CORPUS);
        ContactFormProperties properties = new ContactFormProperties(Duration.ofSeconds(2), Duration.ofSeconds(5), 3,
                2_097_152, List.of(site.hostPort()), "OutreachEngine/1.0 (+contact form)");
        service = new ContactFormOutreachService(new UrlGuard(properties.allowedHosts()), properties,
                CorpusSite.clientContext());
    }

    @AfterAll
    static void report() throws IOException {
        String table = PER_BUILDER.entrySet().stream()
                .map(e -> String.format("| %-16s | %5d | %4d |", e.getKey(), e.getValue()[0], e.getValue()[1]))
                .collect(Collectors.joining("\n", "| builder          | pages | met  |\n|---|---|---|\n", "\n"));
        System.out.println(table);
        Files.writeString(Path.of("target/contact-form-corpus-report.md"), table);
        site.close();
    }

    static Stream<String> pages() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".html"))
                    .map(n -> n.substring(0, n.length() - ".html".length()))
                    .sorted()
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void theSiteReceivesWhatTheManifestExpects(String page) throws IOException {
        CorpusManifest expected = CorpusManifest.read(CORPUS.resolve(page + ".expected"), site, page);
        int[] tally = PER_BUILDER.computeIfAbsent(expected.builder(), b -> new int[2]);
        tally[0]++;
        site.forget();
        ContactFormRequest request = new ContactFormRequest(site.origin() + "/" + page + "/", "Jane Doe",
                "jane@outreach.example", "+1 555 0100", "Outreach Co", "Quick question",
                "Hi,\nwe help plumbers fill their calendar.");

        ContactFormResult result = service.submit(request);
        List<Received> submissions = site.received().stream()
                .filter(r -> !(r.method().equals("GET") && r.query() == null))
                .toList();
        FormAnalysis preview = service.preview(request);

        assertThat(preview.builder()).as("builder recognised")
                .isEqualTo(expected.builder().equals("none") ? null : expected.builder());
        if (expected.skipped()) {
            assertThat(result.status()).as(result.reason()).isEqualTo(MessageStatus.SKIPPED);
            assertThat(result.reason()).isEqualTo(expected.skip());
            assertThat(submissions).as("nothing submitted").isEmpty();
            assertThat(preview.skipReason()).isEqualTo(expected.skip());
        } else {
            assertThat(result.status()).as(result.reason()).isEqualTo(MessageStatus.SENT);
            assertThat(submissions).as("one submission").hasSize(1);
            Received received = submissions.getFirst();
            assertThat(received.method() + " " + received.path()).isEqualTo(expected.method() + " " + expected.path());
            assertArrived(expected, received);
            assertThat(preview.honeypots()).extracting(FieldVerdict::name)
                    .containsExactlyElementsOf(expected.honeypots());
            assertThat(preview.submittedFields()).extracting(f -> new FormEntry(f.name(), f.value()))
                    .as("the preview shows what went out").containsExactlyElementsOf(expected.fields());
        }
        tally[1]++;
    }

    private static void assertArrived(CorpusManifest expected, Received received) {
        String urlEncoded = expected.fields().stream()
                .map(f -> encode(f.name()) + "=" + encode(crlf(f.value())))
                .collect(Collectors.joining("&"));
        if (expected.method().equals("GET")) {
            assertThat(received.query()).isEqualTo(urlEncoded);
        } else if (expected.multipart()) {
            assertThat(received.contentType()).startsWith("multipart/form-data; boundary=");
            String boundary = received.contentType().substring("multipart/form-data; boundary=".length());
            assertThat(new String(received.body(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(multipart(expected.fields(), boundary), StandardCharsets.UTF_8));
            assertThat(received.body()).isEqualTo(multipart(expected.fields(), boundary));
        } else {
            assertThat(received.contentType()).isEqualTo("application/x-www-form-urlencoded");
            assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(urlEncoded);
        }
    }

    /** The body a browser sends for these fields: each part's name and value, CRLF-separated. */
    private static byte[] multipart(List<FormEntry> fields, String boundary) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (FormEntry field : fields) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.name()
                    + "\"\r\n\r\n" + crlf(field.value()) + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** Browsers send every line break as CRLF. */
    private static String crlf(String value) {
        return value.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
