package dev.outreach.events;

/**
 * A mailbox whose inbox is polled for replies and bounces, with where the poller left off.
 *
 * @param security SSL (the default, port 993), STARTTLS or NONE (port 143)
 * @param uidValidity the inbox's UIDVALIDITY when {@code lastUid} was read; null before the first poll
 * @param lastUid the highest UID already read
 */
record ImapMailbox(long id, String address, String host, Integer port, String security, String username,
        String encryptedPassword, Long uidValidity, Long lastUid) {

    int portOrDefault() {
        return port != null && port > 0 ? port : "SSL".equalsIgnoreCase(security) ? 993 : 143;
    }

    String label() {
        return username + "@" + host + ":" + portOrDefault();
    }
}
