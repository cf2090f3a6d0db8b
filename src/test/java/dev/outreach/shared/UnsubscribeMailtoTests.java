package dev.outreach.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class UnsubscribeMailtoTests {

    private static final LinkTokens TOKENS = new LinkTokens(new SecretKeySpec(new byte[32], "HmacSHA256"));
    private static final UUID ID = UUID.fromString("7f4ce2a7-ca6a-46a0-99e5-c976edceeb01");

    @Test
    void theSubjectCarriesTheSignedUnsubscribeTokenOfTheMessage() {
        String token = TOKENS.unsubscribe(ID);
        assertThat(UnsubscribeMailto.uri("sam@acme.test", token)).isEqualTo("mailto:sam@acme.test?subject=unsubscribe-" + token);

        assertThat(UnsubscribeMailto.tokenIn("unsubscribe-" + token).flatMap(TOKENS::unsubscribedMessage)).contains(ID);
        assertThat(UnsubscribeMailto.tokenIn("  Unsubscribe-" + token + " ").flatMap(TOKENS::unsubscribedMessage)).contains(ID);
    }

    @Test
    void anythingElseIsNotAnUnsubscribeAndAMadeUpTokenDoesNotVerify() {
        String token = TOKENS.unsubscribe(ID);
        assertThat(UnsubscribeMailto.tokenIn(null)).isEmpty();
        assertThat(UnsubscribeMailto.tokenIn("unsubscribe")).isEmpty();
        assertThat(UnsubscribeMailto.tokenIn("Re: unsubscribe-" + token)).as("a reply quoting it is a reply").isEmpty();
        assertThat(UnsubscribeMailto.tokenIn("unsubscribe-" + token + " please")).isEmpty();
        assertThat(UnsubscribeMailto.tokenIn("unsubscribe-" + ID).flatMap(TOKENS::unsubscribedMessage))
                .as("the message id alone is not a token").isEmpty();
        assertThat(UnsubscribeMailto.tokenIn("unsubscribe-" + token.toLowerCase(java.util.Locale.ROOT))
                .flatMap(TOKENS::unsubscribedMessage)).as("the token is case-sensitive").isEmpty();
    }
}
