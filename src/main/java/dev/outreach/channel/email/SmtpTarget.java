package dev.outreach.channel.email;

import dev.outreach.shared.NoDelaySocketFactory;
import jakarta.mail.Session;
import java.time.Duration;
import java.util.Properties;

/**
 * Where one message goes over SMTP: a mailbox's server, or the sandbox.
 *
 * @param key connections are reused per key within a batch
 * @param label names the server in reasons an operator reads, e.g. {@code smtp.acme.test:587}
 * @param mailbox the sending mailbox's address, for reasons about its credentials
 */
record SmtpTarget(String key, String host, int port, SmtpSecurity security, String username, String password,
        String label, String mailbox) {

    static SmtpTarget mailbox(long mailboxId, String address, String host, int port, SmtpSecurity security,
            String username, String password) {
        return new SmtpTarget("mailbox:" + mailboxId, host, port, security, username, password, host + ":" + port,
                address);
    }

    static SmtpTarget sandbox(int port) {
        return new SmtpTarget("sandbox", "127.0.0.1", port, SmtpSecurity.NONE, null, null,
                "the sandbox mail server (127.0.0.1:" + port + ")", null);
    }

    /** The in-process sandbox server: no relay of any provider. */
    boolean sandboxed() {
        return key.equals("sandbox");
    }

    boolean authenticates() {
        return username != null && !username.isBlank();
    }

    /** What {@link #session} depends on: targets with the same key can share one session. */
    String sessionKey() {
        return host + ":" + port + ":" + security + ":" + authenticates();
    }

    Session session(EmailProperties properties) {
        Properties mail = new Properties();
        mail.put("mail.transport.protocol", "smtp");
        mail.put("mail.smtp.host", host);
        mail.put("mail.smtp.port", String.valueOf(port));
        mail.put("mail.smtp.connectiontimeout", millis(properties.connectTimeout()));
        mail.put("mail.smtp.timeout", millis(properties.readTimeout()));
        mail.put("mail.smtp.writetimeout", millis(properties.readTimeout()));
        mail.put("mail.smtp.auth", String.valueOf(authenticates()));
        // TCP_NODELAY: without it every message waits 40 ms for a delayed ACK (see NoDelaySocketFactory)
        mail.put("mail.smtp.socketFactory", NoDelaySocketFactory.INSTANCE);
        mail.put("mail.smtp.socketFactory.fallback", "false");
        // isConnected() then sends RSET, which also clears what a failed transaction left behind
        mail.put("mail.smtp.userset", "true");
        switch (security) {
            case NONE -> { }
            case STARTTLS -> {
                mail.put("mail.smtp.starttls.enable", "true");
                mail.put("mail.smtp.starttls.required", "true");
                mail.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case SSL -> {
                mail.put("mail.smtp.ssl.enable", "true");
                mail.put("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        return Session.getInstance(mail);
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "SmtpTarget[" + key + ", " + label + ", " + security + (authenticates() ? ", as " + username : "") + "]";
    }

    private static String millis(Duration duration) {
        return String.valueOf(duration.toMillis());
    }
}
