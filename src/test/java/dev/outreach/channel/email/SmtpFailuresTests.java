package dev.outreach.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmtpFailuresTests {

    @Test
    void aRefusedRecipientIsADeadAddressOnlyWhenTheReplySaysTheAddressIsTheProblem() {
        assertThat(SmtpFailures.deadAddress("550 5.1.1 <jane@doe.test>: Recipient address rejected: User unknown")).isTrue();
        assertThat(SmtpFailures.deadAddress("550 5.1.10 RESOLVER.ADR.RecipientNotFound; not found")).isTrue();
        assertThat(SmtpFailures.deadAddress("550 5.2.1 The email account that you tried to reach is disabled")).isTrue();
        assertThat(SmtpFailures.deadAddress("550 No such user here")).as("no status, the words decide").isTrue();

        assertThat(SmtpFailures.deadAddress("554 5.7.1 <jane@doe.test>: Relay access denied")).isFalse();
        assertThat(SmtpFailures.deadAddress("550 5.7.1 Service unavailable; client [203.0.113.5] blocked using zen.spamhaus.org"))
                .isFalse();
        assertThat(SmtpFailures.deadAddress("552 5.2.2 The email account that you tried to reach is over quota")).isFalse();
        assertThat(SmtpFailures.deadAddress("554 Transaction failed: policy")).isFalse();
    }
}
