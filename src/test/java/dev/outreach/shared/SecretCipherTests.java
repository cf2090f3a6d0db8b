package dev.outreach.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTests {

    @TempDir
    Path dir;

    @Test
    void withoutAConfiguredKeyAKeyFileReadableOnlyByItsOwnerIsCreatedAndReused() throws Exception {
        Path keyFile = dir.resolve("data").resolve("secret.key");

        SecretCipher first = new SecretCipher("", keyFile);
        String sealed = first.encrypt("smtp-password");

        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);
        assertThat(new SecretCipher("", keyFile).decrypt(sealed)).isEqualTo("smtp-password");
    }

    @Test
    void aKeyFileOpenToOthersIsNarrowedToItsOwner() throws Exception {
        Path keyFile = dir.resolve("secret.key");
        new SecretCipher("", keyFile);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        new SecretCipher("", keyFile);

        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void secretsAreSealedWithAFreshNonceAndNeverStoredInClear() {
        SecretCipher cipher = new SecretCipher(key(1), dir.resolve("unused.key"));

        String once = cipher.encrypt("hunter2-hunter2");
        String twice = cipher.encrypt("hunter2-hunter2");

        assertThat(once).startsWith("v1:").doesNotContain("hunter2").isNotEqualTo(twice);
        assertThat(cipher.decrypt(once)).isEqualTo("hunter2-hunter2");
        assertThat(Files.exists(dir.resolve("unused.key"))).as("a configured key needs no key file").isFalse();
    }

    @Test
    void aSecretSealedWithAnotherKeyIsRefusedLoudly() {
        String sealed = new SecretCipher(key(1), dir.resolve("a.key")).encrypt("pw");

        assertThatThrownBy(() -> new SecretCipher(key(2), dir.resolve("b.key")).decrypt(sealed))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("OUTREACH_SECRET_KEY");
    }

    @Test
    void aConfiguredKeyOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> new SecretCipher(Base64.getEncoder().encodeToString(new byte[16]), dir.resolve("k")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
    }

    private static String key(int seed) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) seed);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
