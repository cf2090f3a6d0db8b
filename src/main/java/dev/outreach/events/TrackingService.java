package dev.outreach.events;

import dev.outreach.outreach.OutreachService;
import dev.outreach.shared.LinkTokens;
import dev.outreach.shared.TrackingProperties;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Our own open and click tracking: a valid signed token becomes an OPENED or CLICKED event
 * (provider {@code tracking}, a random event id per request: every open counts, reloads
 * included), with opens marked human or machine by {@link MachineTraffic}. Recording never
 * stands between the recipient and the pixel or the link: a failure is logged, not shown.
 */
@Service
class TrackingService {

    private static final Logger log = LoggerFactory.getLogger(TrackingService.class);
    static final String PROVIDER = "tracking";

    private final LinkTokens tokens;
    private final EmailEventIngestion ingestion;
    private final OutreachService outreach;
    private final TrackingProperties properties;

    TrackingService(LinkTokens tokens, EmailEventIngestion ingestion, OutreachService outreach,
            TrackingProperties properties) {
        this.tokens = tokens;
        this.ingestion = ingestion;
        this.outreach = outreach;
        this.properties = properties;
    }

    /** Records an open when the token is valid; a bad token is ignored. */
    void opened(String token, MachineTraffic.Hit hit) {
        tokens.openedMessage(token).ifPresent(messageId -> record(() -> {
            Optional<String> machine = MachineTraffic.machineOpen(hit, outreach.sentAt(messageId), properties.machineWindow());
            ingestion.ingest(new EmailEvent(PROVIDER, UUID.randomUUID().toString(), EmailEventKind.OPENED, messageId, null,
                    hit.at(), false, machine.isPresent(), machine.map(why -> "Machine open: " + why).orElse("Opened"),
                    payload(hit)));
        }, messageId));
    }

    /**
     * Where a click token leads, when it is valid; the click is recorded unless a machine made it
     * (a scanner checking links on arrival is no sign of interest). Empty: answer 404, never redirect.
     */
    Optional<URI> clicked(String token, MachineTraffic.Hit hit) {
        Optional<LinkTokens.Click> click = tokens.click(token);
        click.ifPresent(valid -> record(() -> {
            Optional<String> machine = MachineTraffic.machineClick(hit, outreach.sentAt(valid.messageId()),
                    properties.machineWindow());
            if (machine.isPresent()) {
                log.debug("Click on message {} by a machine ({}): redirected, not recorded", valid.messageId(), machine.get());
                return;
            }
            String url = valid.target().toString();
            ingestion.ingest(new EmailEvent(PROVIDER, UUID.randomUUID().toString(), EmailEventKind.CLICKED,
                    valid.messageId(), null, hit.at(), false, false, url.length() > 1000 ? url.substring(0, 1000) : url,
                    payload(hit)));
        }, valid.messageId()));
        return click.map(LinkTokens.Click::target);
    }

    private static void record(Runnable recording, UUID messageId) {
        try {
            recording.run();
        } catch (RuntimeException e) {
            log.warn("Could not record tracking for message {}", messageId, e);
        }
    }

    /** What the request said about itself; the remote address is not kept (it identifies the reader). */
    private static String payload(MachineTraffic.Hit hit) {
        String agent = hit.userAgent() == null ? "" : hit.userAgent();
        return hit.method() + " User-Agent: " + (agent.length() > 500 ? agent.substring(0, 500) : agent);
    }
}
