package dev.outreach.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest (mailbox passwords) with AES-256-GCM. The key is
 * {@code OUTREACH_SECRET_KEY} (base64 of 32 bytes) or, when that is empty, a key file
 * generated on first use and readable by its owner only ({@code ./data/secret.key}).
 * Stored form: {@code v1:} + base64(12-byte nonce + ciphertext with tag).
 */
@Component
public class SecretCipher {

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SecretCipher.class);

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretCipher(@Value("${outreach.secret-key:}") String configuredKey,
            @Value("${outreach.secret-key-file:./data/secret.key}") Path keyFile) {
        this.key = new SecretKeySpec(configuredKey.isBlank() ? keyFromFile(keyFile) : decodeKey(configuredKey), "AES");
    }

    public String encrypt(String plain) {
        if (plain == null || plain.isEmpty()) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a secret", e);
        }
    }

    /** Decrypts a stored secret; fails loudly when it was sealed with another key. */
    public String decrypt(String stored) {
        if (stored == null || stored.isEmpty()) {
            return null;
        }
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("A stored secret is not encrypted (expected the v1: prefix)");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot decrypt a stored secret: was OUTREACH_SECRET_KEY changed?", e);
        }
    }

    /**
     * An HMAC-SHA256 key for another use of the same secret (signing links), derived as
     * HMAC-SHA256(secret key, "outreach-engine/" + purpose): one secret to keep, and neither
     * the derived key nor anything signed with it reveals the encryption key.
     */
    public SecretKey derivedMacKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] derived = mac.doFinal(("outreach-engine/" + purpose).getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(derived, "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static byte[] decodeKey(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64.strip());
        if (bytes.length != 32) {
            throw new IllegalStateException("OUTREACH_SECRET_KEY must be base64 of 32 bytes, got " + bytes.length);
        }
        return bytes;
    }

    private byte[] keyFromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                random.nextBytes(fresh);
                Files.createDirectories(file.toAbsolutePath().getParent());
                createOwnerOnly(file);
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
                return fresh;
            }
            keepOwnerOnly(file);
            return decodeKey(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret key file " + file, e);
        }
    }

    /** Creates the empty key file readable by its owner only from the start: no moment when others could read the key. */
    private static void createOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
            java.io.File plain = file.toFile();
            plain.setReadable(false, false);
            plain.setReadable(true, true);
            plain.setWritable(false, false);
            plain.setWritable(true, true);
        }
    }

    /** A key file that others may read (copied around, restored from a backup) is narrowed back to its owner. */
    private static void keepOwnerOnly(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions =
                new java.util.HashSet<>(Files.getPosixFilePermissions(file));
        if (permissions.removeIf(p -> !p.name().startsWith("OWNER_"))) {
            log.warn("The secret key file {} was open to other users: it is now its owner's only", file);
            Files.setPosixFilePermissions(file, permissions);
        }
    }
}
