package dev.outreach.deliverability;

import com.sanctionco.jmail.JMail;
import dev.outreach.shared.FieldError;
import java.util.List;
import java.util.Locale;

/**
 * The syntax rules of a mailbox draft, each error naming the form field: {@code address},
 * {@code displayName}, {@code smtpHost}, {@code imapPort}, {@code warmupStartVolume}...
 * Rules that need the database (uniqueness, stored passwords) are in {@link MailboxService}.
 */
final class MailboxRules {

    private MailboxRules() {
    }

    static String normalizeAddress(String address) {
        return address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
    }

    static void address(String address, SendingDomain domain, List<FieldError> errors) {
        if (address.isEmpty()) {
            errors.add(new FieldError("address", "Enter the mailbox's email address"));
        } else if (address.length() > 320 || !JMail.strictValidator().isValid(address)) {
            errors.add(new FieldError("address", "'" + address + "' is not a valid email address"));
        } else if (domain != null && !address.substring(address.lastIndexOf('@') + 1).equals(domain.domain())) {
            errors.add(new FieldError("address", "The address must end in @" + domain.domain()
                    + ", the mailbox's sending domain"));
        }
    }

    static void displayName(String name, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("displayName", "Enter the name recipients see, e.g. Alex from Summit"));
        } else if (name.strip().length() > 150) {
            errors.add(new FieldError("displayName", "Keep the name under 150 characters"));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("displayName", "The name cannot contain line breaks or control characters"));
        }
    }

    /** Host, port, security and user of a server that must be set up. */
    static void server(MailProtocol protocol, MailServerSettings server, List<FieldError> errors) {
        String p = protocol.prefix();
        String host = DomainNames.normalize(server.host());
        if (host == null || host.isEmpty()) {
            errors.add(new FieldError(p + "Host", "Enter the " + protocol + " server, e.g. " + p + ".example.com"));
        } else if (!DomainNames.isHost(host)) {
            errors.add(new FieldError(p + "Host", "'" + server.host().strip() + "' is not a host name or IPv4 address"));
        }
        if (server.port() == null) {
            errors.add(new FieldError(p + "Port", "Enter the port (" + usualPorts(protocol) + ")"));
        } else if (server.port() < 1 || server.port() > 65_535) {
            errors.add(new FieldError(p + "Port", "A port is between 1 and 65535"));
        }
        if (server.security() == null) {
            errors.add(new FieldError(p + "Security", "Choose NONE, STARTTLS or SSL"));
        }
        if (server.username() != null && server.username().strip().length() > 320) {
            errors.add(new FieldError(p + "Username", "Keep the user name under 320 characters"));
        }
        if (server.password() != null && server.password().length() > 500) {
            errors.add(new FieldError(p + "Password", "Keep the password under 500 characters"));
        }
    }

    static void caps(MailboxDraft draft, List<FieldError> errors) {
        Integer cap = draft.dailyCap();
        Integer start = draft.warmupStartVolume();
        if (cap == null) {
            errors.add(new FieldError("dailyCap", "Enter the daily cap once warmed up"));
        } else if (cap < 0) {
            errors.add(new FieldError("dailyCap", "Cannot be negative"));
        }
        if (start == null) {
            errors.add(new FieldError("warmupStartVolume", "Enter how many messages the first warm-up day may send"));
        } else if (start < 0) {
            errors.add(new FieldError("warmupStartVolume", "Cannot be negative"));
        } else if (cap != null && cap >= 0 && start > cap) {
            errors.add(new FieldError("warmupStartVolume", "The warm-up start (" + start
                    + ") cannot exceed the target daily cap (" + cap + ")"));
        }
        if (draft.warmupDailyIncrease() == null) {
            errors.add(new FieldError("warmupDailyIncrease", "Enter the daily increase (0 keeps the start volume)"));
        } else if (draft.warmupDailyIncrease() < 0) {
            errors.add(new FieldError("warmupDailyIncrease", "Cannot be negative"));
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String usualPorts(MailProtocol protocol) {
        return protocol == MailProtocol.SMTP ? "usually 587 with STARTTLS or 465 with SSL"
                : "usually 993 with SSL or 143 with STARTTLS";
    }
}
