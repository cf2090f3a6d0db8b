package dev.outreach.events;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The mail corpus (src/test/resources/inbound-corpus/mail): every {@code <name>.eml} with its
 * {@code <name>.expected} manifest. Placeholders in both ({@code {{message-id}}},
 * {@code {{lead-email}}}, {@code {{mailbox}}}, {@code {{run}}}, {@code {{trap-url}}}) are
 * replaced with the values of the message a test sent.
 */
final class InboundCorpus {

    /** One sample: its name, its raw text and its manifest, placeholders still in. */
    record Sample(String name, String raw, Properties expected) {

        String effect() {
            return expected.getProperty("effect");
        }

        String expected(String key, Map<String, String> values) {
            String value = expected.getProperty(key);
            return value == null ? null : substitute(value, values);
        }

        MimeMessage message(Map<String, String> values) {
            try {
                byte[] bytes = substitute(raw, values).replace("\r\n", "\n").replace("\n", "\r\n")
                        .getBytes(StandardCharsets.UTF_8);
                return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException("Sample " + name + " is not a message", e);
            }
        }

        @Override
        public String toString() {
            return name + " (" + effect() + ")";
        }
    }

    private InboundCorpus() {
    }

    static List<Sample> mail() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".eml")).sorted().map(InboundCorpus::sample).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder() {
        try {
            return Path.of(InboundCorpus.class.getResource("/inbound-corpus/mail").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Sample sample(Path eml) {
        String name = eml.getFileName().toString().replaceFirst("\\.eml$", "");
        Path manifest = eml.resolveSibling(name + ".expected");
        Properties expected = new Properties();
        try (Reader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            expected.load(reader);
            return new Sample(name, Files.readString(eml, StandardCharsets.UTF_8), expected);
        } catch (IOException e) {
            throw new UncheckedIOException("Sample " + name + " needs its manifest " + manifest.getFileName(), e);
        }
    }

    static String substitute(String text, Map<String, String> values) {
        String result = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            result = result.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        if (result.contains("{{")) {
            throw new IllegalStateException("Unknown placeholder in: " + result.substring(result.indexOf("{{"),
                    Math.min(result.length(), result.indexOf("{{") + 40)));
        }
        return result;
    }
}
