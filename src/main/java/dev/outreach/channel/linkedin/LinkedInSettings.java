package dev.outreach.channel.linkedin;

import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The LinkedIn channel's settings as admins write them in the Channels view:
 * {@code gateway} (MANUAL, the default, or HTTP), {@code provider_base_url},
 * {@code provider_api_key}, {@code weekly_invitation_cap} (default 100) and {@code account}
 * (the LinkedIn account the invitations count against, default "default").
 */
record LinkedInSettings(Gateway gateway, URI providerBaseUrl, String providerApiKey, int weeklyInvitationCap,
        String account) {

    enum Gateway {
        /** A task for an operator, who sends it by hand. */
        MANUAL,
        /** A provider's HTTP API sends it. */
        HTTP
    }

    static final int DEFAULT_WEEKLY_INVITATION_CAP = 100;
    static final String DEFAULT_ACCOUNT = "default";

    /** Reads the settings map; refuses bad values, naming each setting. */
    static LinkedInSettings from(Map<String, String> settings) {
        List<FieldError> errors = new ArrayList<>();
        Gateway gateway = gateway(value(settings, "gateway"), errors);
        int cap = cap(value(settings, "weekly_invitation_cap"), errors);
        String account = value(settings, "account");
        URI baseUrl = null;
        String apiKey = value(settings, "provider_api_key");
        if (gateway == Gateway.HTTP) {
            baseUrl = baseUrl(value(settings, "provider_base_url"), errors);
            if (apiKey == null) {
                errors.add(new FieldError("settings.provider_api_key",
                        "The HTTP gateway needs the provider's API key"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new LinkedInSettings(gateway, baseUrl, apiKey, cap, account == null ? DEFAULT_ACCOUNT : account);
    }

    private static Gateway gateway(String value, List<FieldError> errors) {
        if (value == null) {
            return Gateway.MANUAL;
        }
        try {
            return Gateway.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("settings.gateway", "Use MANUAL or HTTP, not '" + value + "'"));
            return null;
        }
    }

    private static int cap(String value, List<FieldError> errors) {
        if (value == null) {
            return DEFAULT_WEEKLY_INVITATION_CAP;
        }
        try {
            int cap = Integer.parseInt(value);
            if (cap >= 1) {
                return cap;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("settings.weekly_invitation_cap", "Use a whole number of at least 1, not '"
                + value + "'"));
        return 0;
    }

    /** Operator configuration, not lead data: deliberately not checked by the URL guard. */
    private static URI baseUrl(String value, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError("settings.provider_base_url", "The HTTP gateway needs the provider's base URL"));
            return null;
        }
        try {
            URI uri = new URI(value.replaceAll("/+$", ""));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        errors.add(new FieldError("settings.provider_base_url", "Use an http or https URL, not '" + value + "'"));
        return null;
    }

    private static String value(Map<String, String> settings, String key) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        // never the API key: settings end up in logs and error messages
        return "LinkedInSettings[gateway=" + gateway + ", providerBaseUrl=" + providerBaseUrl
                + ", weeklyInvitationCap=" + weeklyInvitationCap + ", account=" + account + "]";
    }
}
