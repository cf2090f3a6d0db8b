package dev.outreach.channel.email;

import dev.outreach.channel.Delivery;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * For the outbox benchmark: what Jakarta Mail alone does with the same message on this machine,
 * the part of the send path no outbox can avoid. Each of {@code sessions} threads keeps one SMTP
 * connection (with the app's session settings) and, per message, composes a MimeMessage from the
 * bodies the app sends (text and HTML, made once by {@link TrackedBody}), with the same headers,
 * and sends it. No outbox, rate limits, reputation or database.
 */
public final class JakartaMailAlone {

    private JakartaMailAlone() {
    }

    /** Sends {@code messages} such messages into the SMTP server on 127.0.0.1:{@code port}; returns messages per second. */
    public static double rate(int port, int messages, int sessions, String subject, String text) throws Exception {
        MessageLinks links = EmailDeliveries.links(dev.outreach.shared.TrackingProperties.defaults());
        UUID sample = UUID.randomUUID();
        Delivery.Content bodies = TrackedBody.of(new Delivery.Content(subject, text, null), sample, links);
        String unsubscribe = "<" + links.oneClick(sample) + ">, <" + links.unsubscribeMailto("sender1@bench.example", sample) + ">";
        Session session = SmtpTarget.sandbox(port).session(EmailProperties.defaults());
        ExecutorService threads = Executors.newFixedThreadPool(sessions);
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                int share = messages / sessions + (s < messages % sessions ? 1 : 0);
                running.add(threads.submit(() -> {
                    Transport transport = session.getTransport("smtp");
                    transport.connect("127.0.0.1", port, null, null);
                    try {
                        for (int i = 0; i < share; i++) {
                            transport.sendMessage(compose(session, subject, bodies, unsubscribe, i),
                                    new InternetAddress[] {new InternetAddress("lead" + i + "@bench.example")});
                        }
                    } finally {
                        transport.close();
                    }
                    return null;
                }));
            }
            for (Future<?> thread : running) {
                thread.get();
            }
            return messages / ((System.nanoTime() - start) / 1e9);
        } finally {
            threads.shutdownNow();
        }
    }

    private static MimeMessage compose(Session session, String subject, Delivery.Content bodies, String unsubscribe, int i)
            throws Exception {
        String utf8 = StandardCharsets.UTF_8.name();
        MimeMessage message = new OutreachMimeMessage(session, "<" + UUID.randomUUID() + "@bench.example>");
        message.setFrom(new InternetAddress("sender1@bench.example", "Sender 1", utf8));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("lead" + i + "@bench.example", "Lead " + i, utf8));
        message.setSubject(subject, utf8);
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(bodies.textBody(), utf8);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(bodies.htmlBody(), utf8, "html");
        message.setContent(new MimeMultipart("alternative", plain, html));
        message.setHeader("List-Unsubscribe", unsubscribe);
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.saveChanges();
        return message;
    }
}
