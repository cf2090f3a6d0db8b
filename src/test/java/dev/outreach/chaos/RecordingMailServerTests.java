package dev.outreach.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RecordingMailServerTests {

    private static final String SENDER = "sender1@chaos.example";

    @Test
    void anAcceptedMessageIsRecordedAndFiledInTheSendersSentFolderBeforeTheServerAnswers() throws Exception {
        try (RecordingMailServer server = new RecordingMailServer(Duration.ofMillis(300))) {
            server.addMailbox(SENDER, "pw");
            Session session = Session.getInstance(new Properties());
            MimeMessage message = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws jakarta.mail.MessagingException {
                    setHeader("Message-ID", "<11111111-2222-3333-4444-555555555555@chaos.example>");
                }
            };
            message.setFrom(new InternetAddress(SENDER));
            message.setRecipients(Message.RecipientType.TO, "Lead1@prospect.example");
            message.setSubject(ChaosTally.subject(2));
            message.setText("Hello");

            long start = System.nanoTime();
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect("127.0.0.1", server.smtpPort(), SENDER, "pw");
                transport.sendMessage(message, message.getAllRecipients());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).as("the answer waits for the reply delay").isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(server.accepted()).singleElement().satisfies(accepted -> {
                assertThat(accepted.messageId()).isEqualTo("<11111111-2222-3333-4444-555555555555@chaos.example>");
                assertThat(accepted.recipient()).isEqualTo("lead1@prospect.example");
                assertThat(accepted.sender()).isEqualTo(SENDER);
                assertThat(accepted.subject()).isEqualTo("Chaos run, touch 2");
            });
            assertThat(sentFolderMessageIds(server)).containsExactly("<11111111-2222-3333-4444-555555555555@chaos.example>");
            assertThat(server.sentFolderSize(SENDER)).isEqualTo(1);
        }
    }

    /** The sent folder as a mail client sees it: over IMAP, by its name. */
    private static java.util.List<String> sentFolderMessageIds(RecordingMailServer server) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", server.imapPort(), SENDER, "pw");
        try {
            Folder sent = store.getFolder(RecordingMailServer.SENT_FOLDER);
            sent.open(Folder.READ_ONLY);
            java.util.List<String> ids = new java.util.ArrayList<>();
            for (Message message : sent.getMessages()) {
                ids.add(((MimeMessage) message).getMessageID());
            }
            sent.close(false);
            return ids;
        } finally {
            store.close();
        }
    }
}
