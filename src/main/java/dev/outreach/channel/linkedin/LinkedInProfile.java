package dev.outreach.channel.linkedin;

import dev.outreach.channel.Delivery.Recipient;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A lead's LinkedIn profile: its id, its URL, or both. Lead data is untrusted, so a URL is only
 * kept when it is http or https.
 */
record LinkedInProfile(String id, String url) {

    private static final Pattern URL_SAFE_ID = Pattern.compile("[A-Za-z0-9\\-_%]+");

    static Optional<LinkedInProfile> of(Recipient recipient) {
        String id = blankToNull(recipient.linkedinId());
        String url = webUrl(recipient.linkedinUrl());
        return id == null && url == null ? Optional.empty() : Optional.of(new LinkedInProfile(id, url));
    }

    /** What the provider is told: the id when known, the URL otherwise. */
    String providerReference() {
        return id != null ? id : url;
    }

    /** The profile's address for a person to open. */
    String profileUrl() {
        if (url != null) {
            return url;
        }
        String path = URL_SAFE_ID.matcher(id).matches() ? id : URLEncoder.encode(id, StandardCharsets.UTF_8);
        return "https://www.linkedin.com/in/" + path;
    }

    private static String webUrl(String value) {
        String url = blankToNull(value);
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null ? url : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
