package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.events.InboundCorpus.Sample;
import dev.outreach.lead.LeadService;
import dev.outreach.shared.LinkTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tracking samples ({@code tracking/<name>.http}, format in the folder's README): each request
 * for the open pixel or a click sent as raw HTTP to the running app, then the responses, the
 * event rows (type, machine or person, rule) and the message's and the lead's enrollment's
 * counters held to the manifest.
 *
 * <p>The test connects from 127.0.0.1, which is a trusted proxy here (so is 10.0.0.0/24, for the
 * samples that come through a proxy chain): the sample's remote address reaches the app as the
 * right-most {@code X-Forwarded-For} hop, after any {@code X-Forwarded-For} the sample itself sends.
 */
final class TrackingSamples {

    /** The application properties the samples assume: which proxies are trusted. */
    static final String TRUSTED_PROXIES = "outreach.tracking.traffic.trusted-proxies=127.0.0.1/32,10.0.0.0/24";

    private final int port;
    private final JdbcClient jdbc;
    private final LeadService leads;
    private final LinkTokens tokens;

    TrackingSamples(int port, JdbcClient jdbc, LeadService leads, LinkTokens tokens) {
        this.port = port;
        this.jdbc = jdbc;
        this.leads = leads;
        this.tokens = tokens;
    }

    /** One request of a sample: method, open or click (of link n), remote address, proxies it came through, headers. */
    record Request(String method, boolean click, int link, String remote, String via, long afterSeconds,
            List<String[]> headers) {
    }

    record Response(int status, String location, String contentType) {
    }

    /** A sample's requests and manifest, read; and the message (of a lead with an enrollment) they are about. */
    final class Placed implements InboundCorpus.Placed {

        private final Sample sample;
        private final List<Request> requests;
        private final WebhookTestSupport.SentMessage sent;
        private final List<List<Response>> arrivals = new ArrayList<>();

        Placed(Sample sample, List<Request> requests, WebhookTestSupport.SentMessage sent) {
            this.sample = sample;
            this.requests = requests;
            this.sent = sent;
        }

        @Override
        public Sample sample() {
            return sample;
        }

        /** The message went out the first request's {@code @after} seconds before now. */
        void sentJustNow() {
            Timestamp at = Timestamp.from(Instant.now().minusSeconds(requests.getFirst().afterSeconds()));
            jdbc.sql("update outreach_message set sent_at = :at where id = :id").param("at", at).param("id", sent.id())
                    .update();
            jdbc.sql("update enrollment set status = 'ACTIVE', outreach_sequence_step = 1, last_email_sent_at = :at"
                    + " where id = :id").param("at", at).param("id", sent.enrollmentId()).update();
        }

        /** Every request in order. */
        @Override
        public void arrive() throws IOException {
            List<Response> responses = new ArrayList<>();
            for (Request request : requests) {
                responses.add(send(request, sent.id()));
            }
            synchronized (this) {
                arrivals.add(responses);
            }
        }

        /**
         * Every response as a client must get it; the events stored once (in request order when the
         * sample arrived once, in any order when its arrivals raced), and the counters.
         */
        @Override
        public synchronized void assertEffect(int times) {
            assertThat(arrivals).as(sample + ": arrivals").hasSize(times);
            for (List<Response> responses : arrivals) {
                for (int i = 0; i < requests.size(); i++) {
                    assertResponse(i, responses.get(i));
                }
            }
            if (times == 1) {
                assertThat(events()).as(sample + ": the stored events in order").isEqualTo(expectedEvents());
            } else {
                assertThat(events()).as(sample + ": the stored events, whatever the order")
                        .containsExactlyInAnyOrderElementsOf(expectedEvents());
            }
            assertCounters();
        }

        private void assertResponse(int i, Response response) {
            Request request = requests.get(i);
            String what = sample + " #" + (i + 1);
            if (request.click()) {
                assertThat(expect(i, "redirect", "true")).as(what + ": a valid click is always redirected").isEqualTo("true");
                assertThat(response.status()).as(what).isEqualTo(302);
                assertThat(response.location()).as(what).isEqualTo(link(request.link()));
            } else {
                assertThat(response.status()).as(what).isEqualTo(200);
                assertThat(response.contentType()).as(what).startsWith("image/gif");
            }
        }

        /** The manifest's value for the request (1-based "n.key" first, then "key"). */
        private String expect(int index, String key, String fallback) {
            Properties expected = sample.expected();
            return expected.getProperty((index + 1) + "." + key, expected.getProperty(key, fallback));
        }

        private boolean machine(int index) {
            String verdict = expect(index, "verdict", null);
            assertThat(verdict).as(sample + " #" + (index + 1) + " verdict").isIn("HUMAN", "MACHINE");
            return verdict.equals("MACHINE");
        }

        private boolean stored(int index) {
            return Boolean.parseBoolean(expect(index, "stored", "true"));
        }

        /** The event rows the sample must leave: type, machine, rule, in request order. */
        private List<List<Object>> expectedEvents() {
            List<List<Object>> events = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                boolean counts = Boolean.parseBoolean(expect(i, "counts", "false"));
                assertThat(counts).as(sample + " #" + (i + 1) + ": counts exactly when a person made it")
                        .isEqualTo(!machine(i));
                if (stored(i)) {
                    events.add(List.of(requests.get(i).click() ? "CLICKED" : "OPENED", machine(i), expect(i, "rule", "")));
                }
            }
            return events;
        }

        private long count(boolean click, boolean humanOnly) {
            long n = 0;
            for (int i = 0; i < requests.size(); i++) {
                if (requests.get(i).click() == click && stored(i) && (!humanOnly || !machine(i))) {
                    n++;
                }
            }
            return n;
        }

        private List<List<Object>> events() {
            return jdbc.sql("""
                    select event_type, machine, verdict_rule from email_event
                    where message_id = :id and provider = 'tracking' order by id
                    """).param("id", sent.id()).query((rs, n) -> List.<Object>of(rs.getString(1), rs.getBoolean(2),
                            rs.getString(3))).list();
        }

        private void assertCounters() {
            Properties expected = sample.expected();
            long opens = Long.parseLong(expected.getProperty("opens", String.valueOf(count(false, false))));
            long humanOpens = Long.parseLong(expected.getProperty("human_opens", String.valueOf(count(false, true))));
            boolean clicked = Boolean.parseBoolean(expected.getProperty("clicked", String.valueOf(count(true, true) > 0)));
            String what = sample.toString();
            Map<String, Object> m = jdbc.sql("select open_count, human_open_count, clicked_at, first_human_opened_at"
                    + " from outreach_message where id = :id").param("id", sent.id()).query().singleRow();
            assertThat(((Number) m.get("open_count")).longValue()).as(what + ": message opens").isEqualTo(opens);
            assertThat(((Number) m.get("human_open_count")).longValue()).as(what + ": message human opens")
                    .isEqualTo(humanOpens);
            assertThat(m.get("clicked_at") != null).as(what + ": message clicked").isEqualTo(clicked);
            assertThat(m.get("first_human_opened_at") != null).as(what + ": first human open").isEqualTo(humanOpens > 0);
            Map<String, Object> e = jdbc.sql("select email_open_count, email_human_open_count, last_email_clicked_at,"
                    + " last_email_human_opened_at from enrollment where id = :id").param("id", sent.enrollmentId())
                    .query().singleRow();
            assertThat(((Number) e.get("email_open_count")).longValue()).as(what + ": lead opens").isEqualTo(opens);
            assertThat(((Number) e.get("email_human_open_count")).longValue()).as(what + ": lead human opens")
                    .isEqualTo(humanOpens);
            assertThat(e.get("last_email_clicked_at") != null).as(what + ": lead clicked").isEqualTo(clicked);
            assertThat(e.get("last_email_human_opened_at") != null).as(what + ": lead opened by a person")
                    .isEqualTo(humanOpens > 0);
        }
    }

    /** A message of a lead with an enrollment, sent the first request's {@code @after} seconds ago. */
    Placed place(Sample sample) {
        Placed placed = new Placed(sample, requests(sample), WebhookTestSupport.sentMessage(jdbc, leads));
        placed.sentJustNow();
        return placed;
    }

    /** The requests of a {@code .http} sample: blocks separated by {@code ###}, {@code #} comments. */
    static List<Request> requests(Sample sample) {
        List<Request> requests = new ArrayList<>();
        for (String block : sample.parts().getFirst().split("(?m)^###\\s*$")) {
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
                    if (colon < 0) {
                        throw new IllegalArgumentException("tracking/" + sample.name() + ".http: not a header: " + line);
                    }
                    headers.add(new String[] {line.substring(0, colon).strip(), line.substring(colon + 1).strip()});
                }
            }
            boolean click = what.startsWith("click");
            int link = what.contains(":") ? Integer.parseInt(what.substring(what.indexOf(':') + 1)) : 1;
            requests.add(new Request(first[0], click, link, remote, via, after, headers));
        }
        return requests;
    }

    private static String link(int n) {
        return "https://offers.example.com/solar/link-" + n;
    }

    /** The request as raw HTTP/1.1, so that nothing is added (no User-Agent of the client library) or left out. */
    private Response send(Request request, UUID message) throws IOException {
        String path = request.click() ? "/t/c/" + tokens.click(message, link(request.link())).orElseThrow()
                : "/t/o/" + tokens.open(message);
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
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("location:")) {
                    location = line.substring(9).strip();
                } else if (lower.startsWith("content-type:")) {
                    contentType = line.substring(13).strip();
                }
            }
            return new Response(status, location, contentType);
        }
    }
}
