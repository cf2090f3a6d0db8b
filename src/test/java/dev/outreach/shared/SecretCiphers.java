package dev.outreach.shared;

import java.nio.file.Path;

/** A {@link SecretCipher} on a given key, for test programs that write mailbox secrets into an application's database from outside it. */
public final class SecretCiphers {

    private SecretCiphers() {
    }

    /** {@code base64Key}: the application's {@code OUTREACH_SECRET_KEY}. */
    public static SecretCipher withKey(String base64Key) {
        return new SecretCipher(base64Key, Path.of("unused.key"));
    }
}
