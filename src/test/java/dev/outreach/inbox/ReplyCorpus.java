package dev.outreach.inbox;

import dev.outreach.events.ReplyReading;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The team-written reply corpus under {@code src/test/resources/reply-corpus/}: one {@code .eml}
 * per sample (headers and body, as the mail arrives), and {@code index.csv} with what a person
 * reads in it: the label, the date (NOT_NOW: when to come back; OUT_OF_OFFICE: the return), the
 * referral, and whether the rules are expected to decide it or leave it open for the model.
 */
final class ReplyCorpus {

    static final String FOLDER = "/reply-corpus/";

    /** One sample and what a person reads in it. */
    record Sample(String file, String language, IntentLabel label, Optional<LocalDate> date, Optional<String> referralName,
            Optional<String> referralEmail, boolean rulesDecide) {

        /** The mail read as the IMAP poller reads it: its text without the quoted history, its automatic-answer signals. */
        IncomingReply read() {
            try (InputStream in = ReplyCorpus.class.getResourceAsStream(FOLDER + file)) {
                MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
                String from = ((InternetAddress) message.getFrom()[0]).getAddress();
                LocalDate written = message.getSentDate().toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
                return new IncomingReply(message.getSubject(), from, ReplyReading.text(message),
                        ReplyReading.automaticAnswer(message), written);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(file + ": " + e.getMessage(), e);
            }
        }

        byte[] raw() {
            try (InputStream in = ReplyCorpus.class.getResourceAsStream(FOLDER + file)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return file + " (" + label + ")";
        }
    }

    private ReplyCorpus() {
    }

    static List<Sample> samples() {
        try (InputStream in = ReplyCorpus.class.getResourceAsStream(FOLDER + "index.csv");
                Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords()
                    .stream().map(ReplyCorpus::sample).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Sample sample(CSVRecord row) {
        String rules = row.get("rules");
        if (!rules.equals("decided") && !rules.equals("open")) {
            throw new IllegalStateException("index.csv line " + row.getRecordNumber() + ": rules is decided or open, not " + rules);
        }
        if (ReplyCorpus.class.getResource(FOLDER + row.get("file")) == null) {
            throw new IllegalStateException("index.csv line " + row.getRecordNumber() + ": no file " + row.get("file"));
        }
        return new Sample(row.get("file"), row.get("language"), IntentLabel.valueOf(row.get("label")),
                optional(row.get("date")).map(LocalDate::parse), optional(row.get("referral_name")),
                optional(row.get("referral_email")), rules.equals("decided"));
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
