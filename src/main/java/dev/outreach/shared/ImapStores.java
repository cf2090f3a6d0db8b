package dev.outreach.shared;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * One way to connect to a mailbox's IMAP server, for every module that reads a mailbox (the
 * reply poller reads the inbox, the outbox looks in the sent folder): the same security
 * settings, timeouts and sockets, so a mailbox that works for one works for the other.
 */
public final class ImapStores {

    private ImapStores() {
    }

    /**
     * The port to use: the one configured, else 993 for SSL (also the default security) and 143
     * for STARTTLS or none.
     */
    public static int port(Integer port, String security) {
        return port != null && port > 0 ? port
                : security == null || "SSL".equalsIgnoreCase(security.strip()) ? 993 : 143;
    }

    /**
     * A connected store; the caller closes it. Messages are read with PEEK, so nothing read this way
     * is marked read.
     *
     * @param security SSL (the default), STARTTLS or NONE
     */
    public static Store connect(String host, Integer port, String security, String username, String password,
            Duration connectTimeout, Duration readTimeout) throws MessagingException {
        String mode = security == null ? "SSL" : security.strip().toUpperCase(Locale.ROOT);
        String protocol = mode.equals("SSL") ? "imaps" : "imap";
        Properties settings = new Properties();
        String prefix = "mail." + protocol + ".";
        settings.put(prefix + "connectiontimeout", String.valueOf(connectTimeout.toMillis()));
        settings.put(prefix + "timeout", String.valueOf(readTimeout.toMillis()));
        settings.put(prefix + "writetimeout", String.valueOf(readTimeout.toMillis()));
        settings.put(prefix + "peek", "true");
        // TCP_NODELAY: every IMAP command waits for its answer, and with Nagle on a delayed ACK adds 40 ms to many
        settings.put(prefix + "socketFactory", NoDelaySocketFactory.INSTANCE);
        settings.put(prefix + "socketFactory.fallback", "false");
        switch (mode) {
            case "SSL" -> settings.put(prefix + "ssl.checkserveridentity", "true");
            case "STARTTLS" -> {
                settings.put(prefix + "starttls.enable", "true");
                settings.put(prefix + "starttls.required", "true");
                settings.put(prefix + "ssl.checkserveridentity", "true");
            }
            case "NONE" -> {
            }
            default -> throw new MessagingException("Unknown IMAP security '" + security + "' (SSL, STARTTLS or NONE)");
        }
        Store store = Session.getInstance(settings).getStore(protocol);
        store.connect(host, port(port, mode), username, password == null ? "" : password);
        return store;
    }
}
