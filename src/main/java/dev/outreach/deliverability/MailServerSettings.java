package dev.outreach.deliverability;

/**
 * A mailbox's SMTP or IMAP server as a form submits it. A blank password means "keep the stored
 * one" (only while the host and user stay the same). Its text form never shows the password.
 */
public record MailServerSettings(String host, Integer port, ConnectionSecurity security, String username,
        String password) {

    /** No server: for a mailbox that does not read its replies over IMAP. */
    public static MailServerSettings none() {
        return new MailServerSettings(null, null, null, null, null);
    }

    boolean passwordGiven() {
        return password != null && !password.isEmpty();
    }

    @Override
    public String toString() {
        return "MailServerSettings[" + host + ":" + port + ", " + security + ", user " + username
                + (passwordGiven() ? ", password ********]" : ", no password]");
    }
}
