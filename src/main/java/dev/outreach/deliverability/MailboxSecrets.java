package dev.outreach.deliverability;

import dev.outreach.shared.SecretCipher;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A mailbox's stored server passwords. A stored password is only ever given back for the host and
 * user it was entered for: changing either in a form (to save or to test) needs the password again,
 * so nobody can redirect a stored secret to another server.
 */
@Component
class MailboxSecrets {

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    MailboxSecrets(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** The host, user and encrypted password stored for one of a mailbox's servers. */
    record Stored(String host, String username, String passwordEnc) {

        boolean sameServer(String otherHost, String otherUsername) {
            return host != null && host.equalsIgnoreCase(DomainNames.normalize(otherHost))
                    && Objects.equals(blankToNull(username), blankToNull(otherUsername));
        }

        boolean hasPassword() {
            return passwordEnc != null && !passwordEnc.isEmpty();
        }
    }

    Optional<Stored> stored(long mailboxId, MailProtocol protocol) {
        String p = protocol.prefix();
        return jdbc.sql("select " + p + "_host, " + p + "_username, " + p + "_password_enc from mailbox where id = :id")
                .param("id", mailboxId)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    /** The decrypted password stored for this host and user, if the mailbox has one for exactly them. */
    Optional<String> password(long mailboxId, MailProtocol protocol, String host, String username) {
        return stored(mailboxId, protocol).filter(s -> s.sameServer(host, username)).filter(Stored::hasPassword)
                .map(s -> cipher.decrypt(s.passwordEnc()));
    }

    String encrypt(String plain) {
        return cipher.encrypt(plain);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
