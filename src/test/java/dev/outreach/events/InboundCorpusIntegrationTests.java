package dev.outreach.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.deliverability.ReputationService;
import dev.outreach.events.InboundCorpus.Placed;
import dev.outreach.events.InboundCorpus.Sample;
import dev.outreach.lead.LeadService;
import dev.outreach.shared.LinkTokens;
import dev.outreach.shared.SecretCipher;
import dev.outreach.support.PostgresIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole inbound corpus (src/test/resources/inbound-corpus) on PostgreSQL, each sample the way
 * it arrives in production: mail delivered to the sending mailbox's IMAP inbox (GreenMail) and read
 * by the real poller ({@link MailSamples}); provider webhooks posted over HTTP, signed as each
 * provider signs ({@link WebhookSamples}); tracking requests sent as raw HTTP with the sample's
 * addresses and headers ({@link TrackingSamples}). Every sample must give the effect its manifest
 * names; then the whole corpus, every kind at once, arrives three times concurrently and must
 * leave each effect exactly once. A sample dropped in a folder with its manifest is tested
 * without code changes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"outreach.demo-data=false",
    "outreach.dispatch.enabled=false", "outreach.imap.enabled=false", "outreach.simulator.enabled=false",
    "outreach.cadence.check-interval=1h", TrackingSamples.TRUSTED_PROXIES})
@Import(InboundCorpusIntegrationTests.LocalSns.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboundCorpusIntegrationTests extends PostgresIntegrationTest {

    @TestConfiguration
    static class LocalSns {
        @Bean
        @Primary
        SnsEndpoints localSnsEndpoints() {
            return SnsTestServer.INSTANCE.endpoints();
        }
    }

    @DynamicPropertySource
    static void webhookKeys(DynamicPropertyRegistry registry) {
        WebhookSamples.keys(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    LeadService leads;
    @Autowired
    SecretCipher secrets;
    @Autowired
    ImapPoller poller;
    @Autowired
    ReputationService reputation;
    @Autowired
    LinkTokens tokens;

    private MailSamples mail;
    private WebhookSamples webhooks;
    private TrackingSamples tracking;

    @BeforeAll
    void startTheSamplesServers() throws Exception {
        mail = new MailSamples(jdbc, leads, secrets, poller);
        webhooks = new WebhookSamples(port, jdbc, leads, reputation);
        tracking = new TrackingSamples(port, jdbc, leads, tokens);
    }

    @AfterAll
    void stopTheSamplesServers() {
        if (mail != null) {
            mail.close();
        }
    }

    @BeforeEach
    void onlyThisTestsInboxesArePolled() {
        mail.pollNoOtherInbox();
    }

    static List<Sample> samples() {
        return InboundCorpus.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachSampleHasItsExpectedEffect(Sample sample) throws Exception {
        Placed placed = place(sample, run());

        placed.arrive();

        placed.assertEffect(1);
    }

    @Test
    void theWholeCorpusArrivingThreeTimesConcurrentlyAppliesNoEffectTwice() throws Exception {
        String run = run();
        List<Sample> corpus = InboundCorpus.all();
        List<MailSamples.Placed> mails = new ArrayList<>();
        List<Placed> requests = new ArrayList<>();
        List<TrackingSamples.Placed> tracked = new ArrayList<>();
        for (Sample sample : corpus) {
            Placed placed = place(sample, run);
            switch (placed) {
                case MailSamples.Placed m -> mails.add(m);
                case TrackingSamples.Placed t -> tracked.add(t);
                default -> requests.add(placed);
            }
        }
        // tracking first: a request seconds after the send is a scanner's, whenever the pool gets to it
        requests.addAll(0, tracked);

        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> arrivals = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(12)) {
            arrivals.add(threads.submit(() -> {
                start.await();
                mail.replayThreeTimesByTwoPollers(mails, run);
                return null;
            }));
            for (Placed placed : requests) {
                for (int time = 0; time < 3; time++) { // a sample's three arrivals side by side: they race
                    arrivals.add(threads.submit(() -> {
                        start.await();
                        placed.arrive();
                        return null;
                    }));
                }
            }
            tracked.forEach(TrackingSamples.Placed::sentJustNow);
            start.countDown();
            for (Future<?> arrival : arrivals) {
                arrival.get();
            }
        }

        assertThat(mails.size() + requests.size()).as("samples").isEqualTo(corpus.size());
        for (Placed placed : mails) {
            placed.assertEffect(3);
        }
        for (Placed placed : requests) {
            placed.assertEffect(3);
        }
    }

    private Placed place(Sample sample, String run) {
        return switch (sample.kind()) {
            case MAIL -> mail.place(sample, run);
            case WEBHOOK -> webhooks.place(sample);
            case TRACKING -> tracking.place(sample);
        };
    }

    private static String run() {
        return Long.toString(System.nanoTime(), 36);
    }
}
