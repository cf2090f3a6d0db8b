package dev.outreach.channel.contactform;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The links of a page that lead to its contact form: same site (registrable domain), and their
 * text or path says contact, quote, estimate, appointment, get in touch or schedule service.
 * Links that also say careers, jobs, privacy, login, account, cart or checkout are never taken.
 * A link whose words say "contact" comes first, then one whose path does, then the others, each
 * group in page order.
 */
final class ContactLinks {

    private static final Pattern WANTED = Pattern.compile("(?i)contact|\\bquotes?\\b|quote|estimate|appointment"
            + "|get[\\s_-]*in[\\s_-]*touch|schedule[\\s_-]*(a[\\s_-]*)?service|service[\\s_-]*request");
    private static final Pattern NEVER = Pattern.compile("(?i)career|\\bjobs?\\b|/jobs?\\b|employment|hiring|privacy"
            + "|log[\\s_-]*in|sign[\\s_-]*in|account|\\bcart\\b|/cart|checkout|basket|wp-admin|register|unsubscribe");
    private static final Pattern CONTACT = Pattern.compile("(?i)contact");

    private ContactLinks() {
    }

    /** At most {@code max} contact links of {@code page} (which was fetched from {@code pageUri}). */
    static List<URI> on(Document page, URI pageUri, int max) {
        Optional<String> site = SiteName.of(pageUri);
        if (site.isEmpty()) {
            return List.of();
        }
        Map<URI, Integer> ranked = new LinkedHashMap<>();
        for (Element link : page.select("a[href]")) {
            Optional<URI> target = target(link);
            if (target.isEmpty() || target.get().equals(withoutFragment(pageUri))
                    || !site.equals(SiteName.of(target.get()))) {
                continue;
            }
            String words = String.join(" ", link.text(), link.attr("title"), link.attr("aria-label"));
            String path = target.get().getRawPath() == null ? "" : target.get().getRawPath();
            if (NEVER.matcher(words).find() || NEVER.matcher(path).find()
                    || !WANTED.matcher(words).find() && !WANTED.matcher(path).find()) {
                continue;
            }
            int rank = CONTACT.matcher(words).find() ? 0 : CONTACT.matcher(path).find() ? 1 : 2;
            ranked.merge(target.get(), rank, Math::min);
        }
        return ranked.entrySet().stream()
                .sorted(Comparator.comparingInt(Map.Entry::getValue))
                .map(Map.Entry::getKey)
                .limit(max)
                .toList();
    }

    private static Optional<URI> target(Element link) {
        String href = link.absUrl("href");
        String scheme = href.contains(":") ? href.substring(0, href.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        try {
            return Optional.of(withoutFragment(new URI(href)));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static URI withoutFragment(URI uri) {
        String text = uri.toString();
        return text.contains("#") ? URI.create(text.substring(0, text.indexOf('#'))) : uri;
    }
}
