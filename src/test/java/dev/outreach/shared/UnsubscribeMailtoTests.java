package dev.outreach.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class UnsubscribeMailtoTests {

    private static final UUID ID = UUID.fromString("7f4ce2a7-ca6a-46a0-99e5-c976edceeb01");

    @Test
    void theSubjectOfTheMailtoNamesTheMessage() {
        assertThat(UnsubscribeMailto.uri("sam@acme.test", ID))
                .isEqualTo("mailto:sam@acme.test?subject=unsubscribe-7f4ce2a7-ca6a-46a0-99e5-c976edceeb01");
        assertThat(UnsubscribeMailto.messageIn("unsubscribe-7f4ce2a7-ca6a-46a0-99e5-c976edceeb01")).contains(ID);
        assertThat(UnsubscribeMailto.messageIn("  UNSUBSCRIBE-7F4CE2A7-CA6A-46A0-99E5-C976EDCEEB01 ")).contains(ID);
    }

    @Test
    void anythingElseIsNotAnUnsubscribe() {
        assertThat(UnsubscribeMailto.messageIn(null)).isEmpty();
        assertThat(UnsubscribeMailto.messageIn("unsubscribe")).isEmpty();
        assertThat(UnsubscribeMailto.messageIn("Re: unsubscribe-7f4ce2a7-ca6a-46a0-99e5-c976edceeb01"))
                .as("a reply quoting it is a reply, read as one").isEmpty();
        assertThat(UnsubscribeMailto.messageIn("unsubscribe-not-a-message-id")).isEmpty();
        assertThat(UnsubscribeMailto.messageIn("unsubscribe-7f4ce2a7-ca6a-46a0-99e5-c976edceeb01 please")).isEmpty();
    }
}
