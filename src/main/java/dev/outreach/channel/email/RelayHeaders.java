package dev.outreach.channel.email;

import dev.outreach.shared.EspMessageTag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The headers that make an email service provider echo our message id in its events, for a
 * message relayed through that provider's SMTP server ({@link EmailProperties.Relays}). Without
 * them its open and click events name only the provider's own ids, and would be orphans.
 * <ul>
 *   <li>SendGrid: {@code X-SMTPAPI: {"unique_args":{"outreach_message_id":"<uuid>"}}};</li>
 *   <li>Mailgun: {@code X-Mailgun-Variables: {"outreach_message_id":"<uuid>"}};</li>
 *   <li>Postmark: {@code X-PM-Metadata-outreach_message_id: <uuid>};</li>
 *   <li>Amazon SES: {@code X-SES-MESSAGE-TAGS: outreach_message_id=<uuid>}.</li>
 * </ul>
 * Any other server gets none of them: they would tell the recipient our message id for nothing.
 * SendGrid's relay also names its own id of the message in its reply ({@link #relayMessageId}).
 */
final class RelayHeaders {

    /** SendGrid's reply to the end of DATA; its id is URL-safe base64 (22 characters today). */
    private static final Pattern SENDGRID_QUEUED = Pattern.compile("250[ -](?:2\\.0\\.0 )?ok: queued as ([A-Za-z0-9_-]{8,100})",
            Pattern.CASE_INSENSITIVE);

    private final List<Pattern> sendgrid;
    private final List<Pattern> mailgun;
    private final List<Pattern> postmark;
    private final List<Pattern> ses;

    RelayHeaders(EmailProperties.Relays relays) {
        this.sendgrid = patterns(relays.sendgrid());
        this.mailgun = patterns(relays.mailgun());
        this.postmark = patterns(relays.postmark());
        this.ses = patterns(relays.ses());
    }

    /** The headers to add for a message sent through {@code smtpHost}; empty for a server of no known provider. */
    Map<String, String> forHost(String smtpHost, UUID messageId) {
        String host = smtpHost == null ? "" : smtpHost.strip().toLowerCase(Locale.ROOT);
        String tag = EspMessageTag.NAME;
        Map<String, String> headers = new LinkedHashMap<>();
        if (matches(sendgrid, host)) {
            headers.put("X-SMTPAPI", "{\"unique_args\":{\"" + tag + "\":\"" + messageId + "\"}}");
        } else if (matches(mailgun, host)) {
            headers.put("X-Mailgun-Variables", "{\"" + tag + "\":\"" + messageId + "\"}");
        } else if (matches(postmark, host)) {
            headers.put("X-PM-Metadata-" + tag, messageId.toString());
        } else if (matches(ses, host)) {
            headers.put("X-SES-MESSAGE-TAGS", tag + "=" + messageId);
        }
        return headers;
    }

    /**
     * The provider's own id of a message its relay accepted, from the reply to the end of DATA:
     * SendGrid answers {@code 250 Ok: queued as nhIMmON9SFOPcT0ii4nt2A}, and that id starts the
     * {@code sg_message_id} of every event about the message ({@code <id>.filter...}). Empty for any
     * other server (a Postfix queue id names nothing a webhook sends) or another reply.
     */
    Optional<String> relayMessageId(String smtpHost, String dataReply) {
        String host = smtpHost == null ? "" : smtpHost.strip().toLowerCase(Locale.ROOT);
        if (dataReply == null || !matches(sendgrid, host)) {
            return Optional.empty();
        }
        Matcher queued = SENDGRID_QUEUED.matcher(dataReply.strip());
        return queued.matches() ? Optional.of(queued.group(1)) : Optional.empty();
    }

    private static boolean matches(List<Pattern> patterns, String host) {
        return patterns.stream().anyMatch(pattern -> pattern.matcher(host).matches());
    }

    /** {@code *} stands for one or more labels' worth of letters, digits, dots and hyphens. */
    private static List<Pattern> patterns(List<String> hosts) {
        return hosts == null ? List.of() : hosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .map(h -> Pattern.compile(Pattern.quote(h).replace("*", "\\E[a-z0-9.-]+\\Q"))).toList();
    }
}
