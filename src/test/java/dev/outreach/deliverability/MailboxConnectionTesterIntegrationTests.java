package dev.outreach.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.outreach.deliverability.ConnectionTestResult.Problem;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "Test connection" against GreenMail's real SMTP and IMAP servers (plain and TLS) on loopback. */
class MailboxConnectionTesterIntegrationTests {

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS)})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alex@summit.test", "alex", "right-password"));

    private final MailboxConnectionTester tester = new MailboxConnectionTester(null, Duration.ofSeconds(2));

    private int smtpPort() {
        return mail.getSmtp().getPort();
    }

    @Test
    void smtpWithTheRightPasswordSignsInAndReportsTheGreetingAndExtensions() {
        ConnectionTestResult result = tester.test(MailProtocol.SMTP, smtp(smtpPort(), ConnectionSecurity.NONE,
                "right-password"), null);

        assertThat(result.succeeded()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("SMTP OK: connected to 127.0.0.1:" + smtpPort()
                + " without encryption, signed in as alex (235 2.7.0 Authentication Succeeded)");
        assertThat(result.detail()).contains("Greeting: 220 /127.0.0.1 GreenMail SMTP Service")
                .contains("AUTH PLAIN LOGIN").doesNotContain("right-password");
    }

    @Test
    void smtpWithAWrongPasswordSaysTheServerRejectedTheLoginInItsOwnWords() {
        ConnectionTestResult result = tester.test(MailProtocol.SMTP, smtp(smtpPort(), ConnectionSecurity.NONE,
                "wrong-password"), null);

        assertThat(result.problem()).hasValue(Problem.AUTHENTICATION_REJECTED);
        assertThat(result.message()).isEqualTo("Authentication rejected by 127.0.0.1:" + smtpPort()
                + ": 535 5.7.8 Authentication credentials invalid");
    }

    @Test
    void aClosedPortIsAConnectionRefused() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        ConnectionTestResult result = tester.test(MailProtocol.SMTP, smtp(closed, ConnectionSecurity.NONE, "x"), null);

        assertThat(result.problem()).hasValue(Problem.CONNECTION_REFUSED);
        assertThat(result.message()).isEqualTo("Connection refused: nothing accepts connections on 127.0.0.1:" + closed);
    }

    @Test
    void starttlsRequiredButNotOfferedIsNamed() {
        ConnectionTestResult result = tester.test(MailProtocol.SMTP, smtp(smtpPort(), ConnectionSecurity.STARTTLS,
                "right-password"), null);

        assertThat(result.problem()).hasValue(Problem.STARTTLS_NOT_OFFERED);
        assertThat(result.message()).startsWith("STARTTLS not offered: 127.0.0.1:" + smtpPort() + " does not offer STARTTLS");
        assertThat(result.detail()).contains("Greeting: 220");
    }

    @Test
    void aSelfSignedCertificateIsACertificateProblem() {
        ConnectionTestResult result = tester.test(MailProtocol.SMTP, smtp(mail.getSmtps().getPort(),
                ConnectionSecurity.SSL, "right-password"), null);

        assertThat(result.problem()).hasValue(Problem.TLS_CERTIFICATE);
        assertThat(result.message()).contains("the certificate is not signed by a trusted authority");
    }

    @Test
    void sslAgainstAPlainPortIsAFailedHandshake() {
        ConnectionTestResult result = tester.test(MailProtocol.SMTP, smtp(smtpPort(), ConnectionSecurity.SSL,
                "right-password"), null);

        assertThat(result.problem()).hasValue(Problem.TLS_HANDSHAKE);
        assertThat(result.message()).contains("the server did not answer in TLS");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    accepted.add(silent.accept());
                } catch (IOException closed) {
                    // the test is over
                }
            });

            ConnectionTestResult result = tester.test(MailProtocol.SMTP,
                    smtp(silent.getLocalPort(), ConnectionSecurity.NONE, "x"), null);

            assertThat(result.problem()).hasValue(Problem.TIMEOUT);
            assertThat(result.message()).startsWith("Timed out after 2 s waiting for 127.0.0.1:" + silent.getLocalPort());
        }
    }

    @Test
    void anUnknownHostIsNamed() {
        ConnectionTestResult result = tester.test(MailProtocol.SMTP,
                new MailServerSettings("smtp.no-such-host.invalid", 587, ConnectionSecurity.STARTTLS, null, null), null);

        assertThat(result.problem()).hasValue(Problem.UNKNOWN_HOST);
        assertThat(result.message()).isEqualTo("Unknown host: smtp.no-such-host.invalid does not resolve");
    }

    @Test
    void imapWithTheRightPasswordOpensTheInboxReadOnly() {
        GreenMailUtil.sendTextEmail("alex@summit.test", "jane@acme.test", "Re: hello", "Sounds good", mail.getSmtp().getServerSetup());

        ConnectionTestResult result = tester.test(MailProtocol.IMAP, imap("right-password"), null);

        assertThat(result.succeeded()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("IMAP OK: connected to 127.0.0.1:" + mail.getImap().getPort()
                + " without encryption, signed in as alex, INBOX opened read-only (1 message)");
        assertThat(result.detail()).contains("Greeting: * OK IMAP4rev1 Server GreenMail").contains("IDLE");
    }

    @Test
    void imapWithAWrongPasswordSaysTheServerRejectedTheLogin() {
        ConnectionTestResult result = tester.test(MailProtocol.IMAP, imap("wrong-password"), null);

        assertThat(result.problem()).hasValue(Problem.AUTHENTICATION_REJECTED);
        assertThat(result.message()).startsWith("Authentication rejected by 127.0.0.1:" + mail.getImap().getPort())
                .contains("LOGIN failed");
    }

    @Test
    void missingSettingsAreNamedBeforeAnyConnection() {
        ConnectionTestResult result = tester.test(MailProtocol.IMAP,
                new MailServerSettings("", 70_000, null, "", null), null);

        assertThat(result.problem()).hasValue(Problem.INCOMPLETE_SETTINGS);
        assertThat(result.message()).isEqualTo("Cannot test yet: enter the IMAP host; enter a port between 1 and 65535; "
                + "choose NONE, STARTTLS or SSL; enter the IMAP user name");
    }

    @Test
    void aUserWithoutAPasswordAndNoStoredOneCannotBeTested() {
        ConnectionTestResult result = tester.test(MailProtocol.SMTP, smtp(smtpPort(), ConnectionSecurity.NONE, ""), null);

        assertThat(result.problem()).hasValue(Problem.INCOMPLETE_SETTINGS);
        assertThat(result.message()).startsWith("Cannot test yet: enter the SMTP password");
    }

    private static MailServerSettings smtp(int port, ConnectionSecurity security, String password) {
        return new MailServerSettings("127.0.0.1", port, security, "alex", password);
    }

    private static MailServerSettings imap(String password) {
        return new MailServerSettings("127.0.0.1", mail.getImap().getPort(), ConnectionSecurity.NONE, "alex", password);
    }
}
