package dev.outreach.events;

import dev.outreach.events.EmailEventStore.Tracked;
import dev.outreach.events.MachineTraffic.History;
import dev.outreach.events.MachineTraffic.Hit;
import dev.outreach.events.MachineTraffic.Verdict;
import dev.outreach.outreach.MessageEngagement;
import dev.outreach.outreach.OutreachService;
import dev.outreach.shared.LinkTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Our own open and click tracking: a valid signed token becomes an OPENED or CLICKED event
 * (provider {@code tracking}) with the verdict of {@link MachineTraffic} on it: machine or person,
 * and the rule that decided. Machine opens count as opens, not as human ones; machine clicks are
 * stored but count for nothing. The same request again within {@code repeat-window} (an open:
 * same message, client address and User-Agent; a click: same message and link, whoever clicks)
 * is the same event and is not stored again. A click on another link within {@code link-burst}
 * re-classes the burst's first click, counted as a person's when it came, as a machine's and
 * takes its effect back. Each request runs under its message's row lock, so
 * that concurrent requests see each other (repeats, link bursts). Recording never stands between
 * the recipient and the pixel or the link: a failure is logged, not shown.
 */
@Service
class TrackingService {

    private static final Logger log = LoggerFactory.getLogger(TrackingService.class);
    static final String PROVIDER = "tracking";

    /** What became of a tracking request: the verdict, and whether it was stored (false: a repeat). */
    record Recorded(Verdict verdict, boolean stored) {
    }

    private final LinkTokens tokens;
    private final EmailEventIngestion ingestion;
    private final EmailEventStore store;
    private final MessageEngagement engagement;
    private final OutreachService outreach;
    private final MachineTraffic traffic;
    private final TrafficProperties properties;
    private final TransactionTemplate transaction;

    TrackingService(LinkTokens tokens, EmailEventIngestion ingestion, EmailEventStore store, MessageEngagement engagement,
            OutreachService outreach, MachineTraffic traffic, TrafficProperties properties, TransactionTemplate transaction) {
        this.tokens = tokens;
        this.ingestion = ingestion;
        this.store = store;
        this.engagement = engagement;
        this.outreach = outreach;
        this.traffic = traffic;
        this.properties = properties;
        this.transaction = transaction;
    }

    /** Records an open when the token is valid; a bad token is ignored. */
    Optional<Recorded> opened(String token, Hit hit) {
        return tokens.openedMessage(token).flatMap(messageId -> record(messageId,
                () -> track(messageId, EmailEventKind.OPENED, hit, key("client|" + hit.client() + "|" + hit.userAgent()),
                        null)));
    }

    /**
     * Where a click token leads, when it is valid (empty: answer 404, never redirect). Every valid
     * click is redirected, a machine's too; only a person's counts.
     */
    Optional<URI> clicked(String token, Hit hit) {
        Optional<LinkTokens.Click> click = tokens.click(token);
        click.ifPresent(valid -> record(valid.messageId(), () -> track(valid.messageId(), EmailEventKind.CLICKED, hit,
                key("link|" + valid.target()), valid.target().toString())));
        return click.map(LinkTokens.Click::target);
    }

    private Recorded track(UUID messageId, EmailEventKind kind, Hit hit, String key, String link) {
        return transaction.execute(status -> {
            engagement.lock(List.of(messageId));
            Duration repeat = properties.repeatWindow();
            Duration lookBack = repeat.compareTo(properties.linkBurst()) > 0 ? repeat : properties.linkBurst();
            List<Tracked> recent = store.trackedSince(messageId, kind, hit.at().minus(lookBack));
            Optional<Instant> otherLink = kind == EmailEventKind.CLICKED ? recent.stream()
                    .filter(t -> !key.equals(t.key())).map(Tracked::at)
                    .min(Comparator.comparing(at -> Duration.between(at, hit.at()).abs())) : Optional.empty();
            History history = new History(outreach.sentAt(messageId), otherLink);
            Verdict verdict = kind == EmailEventKind.OPENED ? traffic.open(hit, history) : traffic.click(hit, history);
            if (recent.stream().anyMatch(t -> key.equals(t.key()) && Duration.between(t.at(), hit.at()).abs().compareTo(repeat) < 0)) {
                log.debug("{} of message {} repeated within {}: not stored again", kind, messageId, repeat);
                return new Recorded(verdict, false);
            }
            String eventId = UUID.randomUUID().toString();
            String detail = link != null ? (link.length() > 1000 ? link.substring(0, 1000) : link)
                    : verdict.machine() ? "Machine open: " + verdict.reason() : "Opened";
            ingestion.ingest(new EmailEvent(PROVIDER, eventId, kind, messageId, null, hit.at(), false, verdict.machine(),
                    detail, payload(hit, verdict)));
            store.setVerdict(eventId, verdict.rule(), key);
            if (kind == EmailEventKind.CLICKED) {
                takeBackFirstOfBurst(messageId, key, hit.at(), recent);
            }
            return new Recorded(verdict, true);
        });
    }

    /**
     * Another link of the message clicked within {@code link-burst} of this click makes both part
     * of a scanner's burst: a click of the burst that was counted as a person's (the first one,
     * which nothing could tell apart when it came) is re-classed {@code link-burst} and its effect
     * taken back.
     */
    private void takeBackFirstOfBurst(UUID messageId, String key, Instant at, List<Tracked> recent) {
        List<Tracked> counted = recent.stream().filter(t -> !t.machine() && !key.equals(t.key())
                && Duration.between(t.at(), at).abs().compareTo(properties.linkBurst()) <= 0).toList();
        if (!counted.isEmpty()) {
            ingestion.retractClicks(messageId, counted, "link-burst", "click by a machine: the first of a link burst"
                    + " (another link of the message was clicked within " + properties.linkBurst().toMillis()
                    + " ms), re-classed and its click taken back");
        }
    }

    private static Optional<Recorded> record(UUID messageId, Supplier<Recorded> recording) {
        try {
            return Optional.ofNullable(recording.get());
        } catch (RuntimeException e) {
            log.warn("Could not record tracking for message {}", messageId, e);
            return Optional.empty();
        }
    }

    /** A hash of what makes two requests the same: the client's address is not kept in the clear. */
    static String key(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** What the request said about itself and the verdict's reason; the remote address is not kept. */
    private static String payload(Hit hit, Verdict verdict) {
        String agent = hit.userAgent();
        return hit.method() + " User-Agent: " + (agent.length() > 500 ? agent.substring(0, 500) : agent)
                + (hit.cookie() ? " (cookie)" : "") + " | " + verdict.rule() + ": " + verdict.reason();
    }
}
