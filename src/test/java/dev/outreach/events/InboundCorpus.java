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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The inbound corpus (src/test/resources/inbound-corpus): every sample of every kind with its
 * {@code <name>.expected} manifest, found by walking the folders, so that a sample dropped in is
 * tested without code changes. A sample without a manifest, a manifest without a sample, a file
 * that is neither, or a manifest key its kind does not know fails the loading with the file's name.
 */
final class InboundCorpus {

    /** The kinds of sample: their folder, how a sample's files are named, and the manifest keys they know. */
    enum Kind {
        /** {@code mail/<name>.eml}: mail as it arrives in a sending mailbox's inbox. */
        MAIL("mail", 1, "(?<name>.+)\\.eml", "effect|recipient|status|paused_until|excerpt|flag"),
        /** {@code webhook/<provider>/<name>.json} or {@code <name>.1.json}, {@code <name>.2.json}...: posts in order. */
        WEBHOOK("webhook", 2, "(?<name>.+?)(?:\\.(?<part>\\d+))?\\.json",
                "effect|messages|applied|duplicate|orphan|ignored|orphans|sns-confirmations"
                        + "|events\\.(DELIVERED|DEFERRED|OPENED|CLICKED|BOUNCED|DROPPED|COMPLAINED|UNSUBSCRIBED|REPLIED)"
                        + "|message\\.\\d+\\.[a-z_]+|suppressed\\.\\d+|suppression\\.\\d+\\.reason|lead\\.\\d+\\.status"
                        + "|reputation\\.\\d+\\.(sent|delivered|bounced|complained|opened|clicked|deferred)"),
        /** {@code tracking/<name>.http}: requests for the open pixel and the click redirect. */
        TRACKING("tracking", 1, "(?<name>.+)\\.http",
                "(\\d+\\.)?(verdict|rule|counts|redirect|stored)|opens|human_opens|clicked");

        final String folder;
        /** How deep a sample's files lie under the kind's folder (webhooks: in a folder per provider). */
        private final int depth;
        private final Pattern file;
        private final Pattern keys;

        Kind(String folder, int depth, String file, String keys) {
            this.folder = folder;
            this.depth = depth;
            this.file = Pattern.compile(file);
            this.keys = Pattern.compile(keys);
        }

        static Kind of(String folder) {
            return Arrays.stream(values()).filter(k -> k.folder.equals(folder)).findFirst().orElse(null);
        }
    }

    /**
     * One sample, placeholders still in: its kind, its name under the kind's folder (webhooks:
     * {@code provider/name}), the text of its files in order and its manifest.
     */
    record Sample(Kind kind, String name, List<String> parts, Properties expected) {

        String effect() {
            return expected.getProperty("effect");
        }

        /** The manifest's value for a key, placeholders replaced; null when the manifest has none. */
        String expected(String key, Map<String, String> values) {
            String value = expected.getProperty(key);
            return value == null ? null : substitute(value, values);
        }

        /** A webhook sample's provider: the folder it is in. */
        String provider() {
            return name.substring(0, name.indexOf('/'));
        }

        /** A mail sample as the message that arrives, placeholders replaced, CRLF line ends. */
        MimeMessage message(Map<String, String> values) {
            try {
                byte[] bytes = substitute(parts.getFirst(), values).replace("\r\n", "\n").replace("\n", "\r\n")
                        .getBytes(StandardCharsets.UTF_8);
                return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException("Sample " + this + " is not a message", e);
            }
        }

        @Override
        public String toString() {
            return kind.folder + "/" + name + (effect() == null ? "" : " (" + effect() + ")");
        }
    }

    /**
     * A sample made concrete for one run: the messages it is about exist, its placeholders are
     * filled, and it can arrive at the application any number of times.
     */
    interface Placed {

        Sample sample();

        /** The sample arrives once, as in production (its requests over HTTP; its mail read from the inbox). */
        void arrive() throws Exception;

        /** The database holds the manifest's effect, each exactly once, after the sample arrived {@code times} times. */
        void assertEffect(int times) throws Exception;
    }

    private InboundCorpus() {
    }

    /** Every sample of every kind, sorted by kind and name. */
    static List<Sample> all() {
        try {
            return read(Path.of(InboundCorpus.class.getResource("/inbound-corpus").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Sample> of(Kind kind) {
        return all().stream().filter(s -> s.kind() == kind).toList();
    }

    /** The samples under a corpus folder; fails naming every file that is not a sample with a valid manifest. */
    static List<Sample> read(Path root) {
        Map<String, TreeMap<Integer, Path>> samples = new TreeMap<>();
        Map<String, Path> manifests = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String path = root.relativize(file).toString().replace('\\', '/');
                String fileName = file.getFileName().toString();
                Kind kind = Kind.of(path.split("/")[0]);
                Matcher sample = kind == null ? null : kind.file.matcher(fileName);
                if (fileName.equals("README.md")) {
                    continue;
                } else if (kind == null || path.split("/").length != kind.depth + 1) {
                    problems.add(path + ": not in a sample folder (mail/, webhook/<provider>/, tracking/)");
                } else if (fileName.endsWith(".expected")) {
                    manifests.put(path.substring(0, path.length() - ".expected".length()), file);
                } else if (sample.matches()) {
                    String part = kind == Kind.WEBHOOK ? sample.group("part") : null;
                    samples.computeIfAbsent(path.substring(0, path.lastIndexOf('/') + 1) + sample.group("name"),
                            n -> new TreeMap<>()).put(part == null ? 0 : Integer.parseInt(part), file);
                } else {
                    problems.add(path + ": neither a " + kind.file.pattern() + " sample nor a .expected manifest");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        manifests.keySet().stream().filter(name -> !samples.containsKey(name))
                .forEach(name -> problems.add(name + ".expected: a manifest without its sample"));
        List<Sample> corpus = new ArrayList<>();
        for (var entry : samples.entrySet()) {
            Path manifest = manifests.get(entry.getKey());
            if (manifest == null) {
                problems.add(root.relativize(entry.getValue().firstEntry().getValue()) + ": a sample without its manifest "
                        + entry.getKey() + ".expected");
                continue;
            }
            Kind kind = Kind.of(entry.getKey().split("/")[0]);
            Properties expected = load(manifest);
            expected.stringPropertyNames().stream().filter(key -> !kind.keys.matcher(key).matches()).sorted()
                    .forEach(key -> problems.add(entry.getKey() + ".expected: unknown key '" + key + "' (a " + kind.folder
                            + " manifest knows " + kind.keys.pattern() + ")"));
            corpus.add(new Sample(kind, entry.getKey().substring(kind.folder.length() + 1),
                    entry.getValue().values().stream().map(InboundCorpus::text).toList(), expected));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The inbound corpus at " + root + " has files the test cannot run:\n  "
                    + String.join("\n  ", problems));
        }
        return corpus;
    }

    private static Properties load(Path manifest) {
        Properties expected = new Properties();
        try (Reader reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
            expected.load(reader);
            return expected;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read manifest " + manifest, e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
