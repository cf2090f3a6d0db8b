package dev.outreach.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class LinkTokensTests {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private final LinkTokens tokens = new LinkTokens(new SecretCipher(KEY, Path.of("unused")));
    private final UUID message = UUID.randomUUID();

    @Test
    void eachTokenNamesItsMessageAndOnlyForItsOwnPurpose() {
        String open = tokens.open(message);
        String unsubscribe = tokens.unsubscribe(message);

        assertThat(tokens.openedMessage(open)).contains(message);
        assertThat(tokens.unsubscribedMessage(unsubscribe)).contains(message);
        assertThat(tokens.unsubscribedMessage(open)).as("an open pixel cannot unsubscribe").isEmpty();
        assertThat(tokens.openedMessage(unsubscribe)).isEmpty();
        assertThat(tokens.click(open)).isEmpty();
        assertThat(open).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    void aClickTokenLeadsOnlyToTheUrlSignedIntoIt() {
        String token = tokens.click(message, "https://doe-plumbing.test/pricing?a=1&b=2#top").orElseThrow();

        LinkTokens.Click click = tokens.click(token).orElseThrow();

        assertThat(click.messageId()).isEqualTo(message);
        assertThat(click.target()).isEqualTo(URI.create("https://doe-plumbing.test/pricing?a=1&b=2#top"));
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = tokens.click(message, "https://doe-plumbing.test/").orElseThrow();
        String payload = token.substring(0, token.indexOf('.'));
        String mac = token.substring(token.indexOf('.') + 1);
        byte[] bytes = Base64.getUrlDecoder().decode(payload);
        byte[] evil = new String(bytes, StandardCharsets.ISO_8859_1).replace("doe-plumbing.test", "evil.example.com")
                .getBytes(StandardCharsets.ISO_8859_1);
        String repointed = Base64.getUrlEncoder().withoutPadding().encodeToString(evil) + "." + mac;
        char last = mac.charAt(mac.length() - 2);
        String badMac = payload + "." + mac.substring(0, mac.length() - 2) + (last == 'A' ? 'B' : 'A') + mac.charAt(mac.length() - 1);

        assertThat(tokens.click(repointed)).isEmpty();
        assertThat(tokens.click(badMac)).isEmpty();
        assertThat(tokens.click(payload)).isEmpty();
        assertThat(tokens.click("")).isEmpty();
        assertThat(tokens.click("a.b.c")).isEmpty();
        assertThat(tokens.click("!!!.???")).isEmpty();
        assertThat(tokens.click("x".repeat(LinkTokens.MAX_TOKEN_CHARS + 1))).isEmpty();
    }

    @Test
    void anotherKeysTokensAreRefused() {
        LinkTokens other = new LinkTokens(new SecretKeySpec(new byte[32], "HmacSHA256"));

        assertThat(other.openedMessage(tokens.open(message))).isEmpty();
        assertThat(tokens.openedMessage(other.open(message))).isEmpty();
    }

    @Test
    void onlyAbsoluteHttpUrlsAreSignedForRedirects() {
        assertThat(tokens.click(message, "javascript:alert(1)")).isEmpty();
        assertThat(tokens.click(message, "mailto:sam@acme.test")).isEmpty();
        assertThat(tokens.click(message, "//evil.example.com/")).isEmpty();
        assertThat(tokens.click(message, "/relative")).isEmpty();
        assertThat(tokens.click(message, "https://user:pw@doe-plumbing.test/")).isEmpty();
        assertThat(tokens.click(message, "https://doe-plumbing.test/" + "a".repeat(LinkTokens.MAX_URL_CHARS))).isEmpty();
        assertThat(tokens.click(message, "HTTP://Doe-Plumbing.test/")).isPresent();
    }

    @Test
    void theDerivedKeyDependsOnTheSecretKeyAndThePurpose() {
        SecretCipher cipher = new SecretCipher(KEY, Path.of("unused"));
        SecretCipher otherCipher = new SecretCipher(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8,
            9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}), Path.of("unused"));

        assertThat(cipher.derivedMacKey("link-tokens").getEncoded()).hasSize(32)
                .isEqualTo(cipher.derivedMacKey("link-tokens").getEncoded())
                .isNotEqualTo(cipher.derivedMacKey("something-else").getEncoded())
                .isNotEqualTo(otherCipher.derivedMacKey("link-tokens").getEncoded())
                .isNotEqualTo(new byte[32]);
    }
}
