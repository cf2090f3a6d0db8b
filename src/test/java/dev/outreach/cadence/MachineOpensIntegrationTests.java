package dev.outreach.cadence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.outreach.OutreachService;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.LinkTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Machine opens are counted for the record but never move the lead's follow-up tier or pass
 * the engagement gate: the pixel fetched over real HTTP, the cadence's own SQL asked afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "outreach.dispatch.enabled=false", "outreach.imap.enabled=false", "outreach.simulator.enabled=false",
    "outreach.cadence.check-interval=1h", "outreach.tracking.traffic.trusted-proxies=127.0.0.1/32"})
@ActiveProfiles("test")
class MachineOpensIntegrationTests {

    /** What Apple Mail Privacy Protection sends when it prefetches a message's images (from three Apple hosts here). */
    private static final String APPLE_MPP = "Mozilla/5.0";
    private static final String OUTLOOK = "Mozilla/4.0 (compatible; ms-office; MSOffice 16)";

    @LocalServerPort
    int port;
    @Autowired
    OutreachService outreach;
    @Autowired
    LeadService leads;
    @Autowired
    LinkTokens tokens;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private long enrollment;
    private UUID message;

    /** The final touch is next (step 3 of 4); the last one went out two hours ago. */
    @BeforeEach
    void aLeadWaitsForItsFinalTouch() {
        String token = Long.toString(System.nanoTime(), 36);
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Ada");
        draft.setCompany("Ada Roofing " + token);
        draft.setEmail("ada-" + token + "@ada-roofing.com");
        long lead = SystemActor.call(() -> leads.create(draft));
        Instant sent = Instant.now().minus(Duration.ofHours(2));
        jdbc.sql("""
                insert into enrollment (lead_id, outreach_sequence_step, status, last_email_sent_at, next_touch_due_at,
                    created_at, updated_at)
                values (:lead, 3, 'ACTIVE', :sent, :sent, :sent, :sent)
                """).param("lead", lead).param("sent", Timestamp.from(sent)).update();
        enrollment = jdbc.sql("select id from enrollment where lead_id = :lead").param("lead", lead).query(Long.class).single();
        message = SystemActor.call(() -> outreach.sendOutreachMessage(lead, "Roofs " + token, "Hi Ada,\n\nroofs.\n\nSam"))
                .messageId();
        jdbc.sql("update outreach_message set enrollment_id = :e, sent_at = :sent where id = :id").param("e", enrollment)
                .param("sent", Timestamp.from(sent)).param("id", message).update();
    }

    @Test
    void threeApplePrefetchesNeitherReachTheFastestTierNorPassTheGate() throws Exception {
        for (int i = 1; i <= 3; i++) {
            assertThat(pixel(APPLE_MPP, "17.58.63." + i).statusCode()).isEqualTo(200);
        }

        Map<String, Object> row = enrollmentRow();
        assertThat(row.get("email_open_count")).as("every open is counted for the record").isEqualTo(3);
        assertThat(row.get("email_human_open_count")).isEqualTo(0);
        assertThat(tier()).as("never opened by a person, from step 2 on: the slowest tier, not the fastest")
                .isEqualTo(5);
        assertThat(gatePassed()).isFalse();
    }

    @Test
    void aPersonsOpenPassesTheGateAndEarnsItsTier() throws Exception {
        assertThat(pixel(OUTLOOK, "203.0.113.20").statusCode()).isEqualTo(200);

        assertThat(enrollmentRow().get("email_human_open_count")).isEqualTo(1);
        assertThat(tier()).as("opened, more than an hour after the send").isEqualTo(3);
        assertThat(gatePassed()).isTrue();
    }

    private Map<String, Object> enrollmentRow() {
        return jdbc.sql("select * from enrollment where id = :id").param("id", enrollment).query().singleRow();
    }

    /** The tier the tick's own CASE chooses for the enrollment (0 is the fastest). */
    private int tier() {
        return jdbc.sql("select " + FollowupTiming.tierCase(Integer::toString) + " from enrollment e where e.id = :id")
                .param("id", enrollment).query(Integer.class).single();
    }

    private boolean gatePassed() {
        return jdbc.sql("select count(*) from enrollment e where e.id = :id and " + TickStore.GATE_PASSED)
                .param("id", enrollment).param("gate", true).param("maxSteps", 4).query(Integer.class).single() == 1;
    }

    /** The pixel fetched from this client, through our trusted proxy on loopback. */
    private HttpResponse<byte[]> pixel(String userAgent, String client) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/t/o/" + tokens.open(message)))
                .header("User-Agent", userAgent).header("X-Forwarded-For", client).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
