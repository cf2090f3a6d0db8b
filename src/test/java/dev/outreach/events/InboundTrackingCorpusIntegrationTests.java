package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.lead.LeadService;
import dev.outreach.shared.LinkTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The tracking corpus ({@code src/test/resources/inbound-corpus/tracking}, see its README): every
 * sample's requests replayed over real HTTP to the running app, then the event rows (type,
 * machine or person, rule) and the message's and the lead's enrollment's counters read back from
 * the database and held to the sample's {@code .expected} manifest. Each sample is replayed once,
 * and once more (on a message of its own) three times concurrently: the database must look the
 * same, no effect applied twice.
 *
 * <p>The test connects from 127.0.0.1, which is a trusted proxy here (so is 10.0.0.0/24, for the
 * samples that come through a proxy chain): the sample's remote address reaches the app as the
 * right-most {@code X-Forwarded-For} hop, after any {@code X-Forwarded-For} the sample itself sends.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "outreach.dispatch.enabled=false", "outreach.imap.enabled=false", "outreach.simulator.enabled=false",
    "outreach.cadence.check-interval=1h", "outreach.tracking.traffic.trusted-proxies=127.0.0.1/32,10.0.0.0/24"})
@ActiveProfiles("test")
class InboundTrackingCorpusIntegrationTests {

    private static final String FOLDER = "/inbound-corpus/tracking";

    @LocalServerPort
    int port;
    @Autowired
    LeadService leads;
    @Autowired
    LinkTokens tokens;
    @Autowired
    JdbcClient jdbc;

    static Stream<String> samples() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(folder())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".http"))
                    .map(n -> n.substring(0, n.length() - ".http".length())).sorted().toList().stream();
        }
    }

    private static Path folder() throws URISyntaxException {
        return Path.of(InboundTrackingCorpusIntegrationTests.class.getResource(FOLDER).toURI());
    }

    @Test
    void theCorpusHasAManifestForEverySampleAndCoversEveryClientAndGateway() throws Exception {
        List<String> names = samples().toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(25);
        for (String name : names) {
            assertThat(folder().resolve(name + ".expected")).as(name).exists();
        }
        assertThat(String.join(" ", names)).contains("gmail", "yahoo", "apple-mpp", "outlook-desktop", "outlook-web",
                "thunderbird", "ios-mail-without-mpp", "defender", "mimecast", "proofpoint", "barracuda", "cisco", "sophos",
                "head-probe", "rapid-multi-link", "xff-trusted", "xff-untrusted", "xff-spoofed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachSampleGivesItsExpectedVerdictsAndCounters(String name) throws Exception {
        Sample sample = Sample.read(folder(), name);
        Message message = aMessageWentOut(name, sample);

        List<Response> responses = replay(sample, message);

        for (int i = 0; i < sample.requests().size(); i++) {
            assertResponse(sample, i, responses.get(i), message);
        }
        assertThat(events(message)).as(name + ": the stored events in order").isEqualTo(sample.expectedEvents());
        assertCounters(sample, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachSampleReplayedThreeTimesConcurrentlyHasItsEffectsOnce(String name) throws Exception {
        Sample sample = Sample.read(folder(), name);
        Message message = aMessageWentOut(name, sample);

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<List<Response>>> replays = List.of(() -> replay(sample, message), () -> replay(sample, message),
                    () -> replay(sample, message));
            for (Future<List<Response>> done : pool.invokeAll(replays)) {
                List<Response> responses = done.get();
                for (int i = 0; i < sample.requests().size(); i++) {
                    assertThat(responses.get(i).status()).as(name + " #" + (i + 1)).isEqualTo(sample.requests().get(i).click()
                            ? 302 : 200);
                }
            }
        } finally {
            pool.shutdown();
        }
        assertThat(events(message)).as(name + ": the stored events, whatever the order")
                .containsExactlyInAnyOrderElementsOf(sample.expectedEvents());
        assertCounters(sample, message);
    }

    // ---- the sample format ----

    /** One request of a sample: method, open or click (of link n), remote address, proxies it came through, headers. */
    record Request(String method, boolean click, int link, String remote, String via, long afterSeconds,
            List<String[]> headers) {
    }

    /** A sample: its requests and its manifest. */
    record Sample(String name, List<Request> requests, Properties expected) {

        static Sample read(Path folder, String name) throws IOException {
            List<Request> requests = new ArrayList<>();
            String text = Files.readString(folder.resolve(name + ".http"), StandardCharsets.UTF_8);
            for (String block : text.split("(?m)^###\\s*$")) {
                List<String> lines = block.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
                if (lines.isEmpty()) {
                    continue;
                }
                String[] first = lines.getFirst().split("\\s+");
                String what = first[1];
                String remote = "203.0.113.10";
                String via = null;
                long after = 3600;
                List<String[]> headers = new ArrayList<>();
                for (String line : lines.subList(1, lines.size())) {
                    if (line.startsWith("@remote ")) {
                        remote = line.substring(8).strip();
                    } else if (line.startsWith("@via ")) {
                        via = line.substring(5).strip();
                    } else if (line.startsWith("@after ")) {
                        after = Long.parseLong(line.substring(7).strip());
                    } else {
                        int colon = line.indexOf(':');
                        headers.add(new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()});
                    }
                }
                boolean click = what.startsWith("click");
                int link = what.contains(":") ? Integer.parseInt(what.substring(what.indexOf(':') + 1)) : 1;
                requests.add(new Request(first[0], click, link, remote, via, after, headers));
            }
            Properties expected = new Properties();
            try (Reader reader = Files.newBufferedReader(folder.resolve(name + ".expected"), StandardCharsets.UTF_8)) {
                expected.load(reader);
            }
            return new Sample(name, requests, expected);
        }

        /** The manifest's value for the request (1-based "n.key" first, then "key"). */
        String expect(int index, String key, String fallback) {
            return expected.getProperty((index + 1) + "." + key, expected.getProperty(key, fallback));
        }

        boolean machine(int index) {
            String verdict = expect(index, "verdict", null);
            assertThat(verdict).as(name + " #" + (index + 1) + " verdict").isIn("HUMAN", "MACHINE");
            return verdict.equals("MACHINE");
        }

        boolean stored(int index) {
            return Boolean.parseBoolean(expect(index, "stored", "true"));
        }

        /** The event rows the sample must leave: type, machine, rule, in request order. */
        List<List<Object>> expectedEvents() {
            List<List<Object>> events = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                boolean counts = Boolean.parseBoolean(expect(i, "counts", "false"));
                assertThat(counts).as(name + " #" + (i + 1) + ": counts exactly when a person made it").isEqualTo(!machine(i));
                if (stored(i)) {
                    events.add(List.of(requests.get(i).click() ? "CLICKED" : "OPENED", machine(i), expect(i, "rule", "")));
                }
            }
            return events;
        }

        long count(boolean click, boolean humanOnly) {
            long n = 0;
            for (int i = 0; i < requests.size(); i++) {
                if (requests.get(i).click() == click && stored(i) && (!humanOnly || !machine(i))) {
                    n++;
                }
            }
            return n;
        }
    }

    // ---- replaying ----

    /** A message of a lead with an enrollment, sent {@code after} seconds (of the first request) ago. */
    record Message(java.util.UUID id, long enrollment) {
    }

    private Message aMessageWentOut(String name, Sample sample) {
        WebhookTestSupport.SentMessage sent = WebhookTestSupport.sentMessage(jdbc, leads);
        Timestamp at = Timestamp.from(Instant.now().minusSeconds(sample.requests().getFirst().afterSeconds()));
        jdbc.sql("update outreach_message set sent_at = :at where id = :id").param("at", at).param("id", sent.id()).update();
        jdbc.sql("update enrollment set status = 'ACTIVE', outreach_sequence_step = 1, last_email_sent_at = :at where id = :id")
                .param("at", at).param("id", sent.enrollmentId()).update();
        return new Message(sent.id(), sent.enrollmentId());
    }

    record Response(int status, String location, String contentType) {
    }

    private List<Response> replay(Sample sample, Message message) throws IOException {
        List<Response> responses = new ArrayList<>();
        for (Request request : sample.requests()) {
            responses.add(send(request, message));
        }
        return responses;
    }

    private static String link(int n) {
        return "https://offers.example.com/solar/link-" + n;
    }

    /** The request as raw HTTP/1.1, so that nothing is added (no User-Agent of the client library) or left out. */
    private Response send(Request request, Message message) throws IOException {
        String path = request.click() ? "/t/c/" + tokens.click(message.id(), link(request.link())).orElseThrow()
                : "/t/o/" + tokens.open(message.id());
        StringBuilder http = new StringBuilder(request.method() + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nConnection: close\r\n");
        String forwarded = null;
        for (String[] header : request.headers()) {
            if (header[0].equalsIgnoreCase("X-Forwarded-For")) {
                forwarded = header[1];
            } else {
                http.append(header[0]).append(": ").append(header[1]).append("\r\n");
            }
        }
        String chain = (forwarded == null ? "" : forwarded + ", ") + request.remote() + (request.via() == null ? ""
                : ", " + request.via());
        http.append("X-Forwarded-For: ").append(chain).append("\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(http.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            int status = Integer.parseInt(in.readLine().split(" ")[1]);
            String location = null;
            String contentType = null;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                String lower = line.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("location:")) {
                    location = line.substring(9).strip();
                } else if (lower.startsWith("content-type:")) {
                    contentType = line.substring(13).strip();
                }
            }
            return new Response(status, location, contentType);
        }
    }

    // ---- what the database holds ----

    private void assertResponse(Sample sample, int i, Response response, Message message) {
        Request request = sample.requests().get(i);
        String what = sample.name() + " #" + (i + 1);
        if (request.click()) {
            assertThat(sample.expect(i, "redirect", "true")).as(what + ": a valid click is always redirected").isEqualTo("true");
            assertThat(response.status()).as(what).isEqualTo(302);
            assertThat(response.location()).as(what).isEqualTo(link(request.link()));
        } else {
            assertThat(response.status()).as(what).isEqualTo(200);
            assertThat(response.contentType()).as(what).startsWith("image/gif");
        }
    }

    private List<List<Object>> events(Message message) {
        return jdbc.sql("""
                select event_type, machine, verdict_rule from email_event
                where message_id = :id and provider = 'tracking' order by id
                """).param("id", message.id()).query((rs, n) -> List.<Object>of(rs.getString(1), rs.getBoolean(2),
                        rs.getString(3))).list();
    }

    private void assertCounters(Sample sample, Message message) {
        long opens = Long.parseLong(sample.expected().getProperty("opens", String.valueOf(sample.count(false, false))));
        long humanOpens = Long.parseLong(sample.expected().getProperty("human_opens",
                String.valueOf(sample.count(false, true))));
        boolean clicked = Boolean.parseBoolean(sample.expected().getProperty("clicked",
                String.valueOf(sample.count(true, true) > 0)));
        String what = sample.name();
        Map<String, Object> m = jdbc.sql("select open_count, human_open_count, clicked_at, first_human_opened_at"
                + " from outreach_message where id = :id").param("id", message.id()).query().singleRow();
        assertThat(((Number) m.get("open_count")).longValue()).as(what + ": message opens").isEqualTo(opens);
        assertThat(((Number) m.get("human_open_count")).longValue()).as(what + ": message human opens").isEqualTo(humanOpens);
        assertThat(m.get("clicked_at") != null).as(what + ": message clicked").isEqualTo(clicked);
        assertThat(m.get("first_human_opened_at") != null).as(what + ": first human open").isEqualTo(humanOpens > 0);
        Map<String, Object> e = jdbc.sql("select email_open_count, email_human_open_count, last_email_clicked_at,"
                + " last_email_human_opened_at from enrollment where id = :id").param("id", message.enrollment())
                .query().singleRow();
        assertThat(((Number) e.get("email_open_count")).longValue()).as(what + ": lead opens").isEqualTo(opens);
        assertThat(((Number) e.get("email_human_open_count")).longValue()).as(what + ": lead human opens").isEqualTo(humanOpens);
        assertThat(e.get("last_email_clicked_at") != null).as(what + ": lead clicked").isEqualTo(clicked);
        assertThat(e.get("last_email_human_opened_at") != null).as(what + ": lead opened by a person").isEqualTo(humanOpens > 0);
    }
}
