package dev.outreach.events;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * How inbound mail is read, for modules that look further at a reply (the inbox's intent
 * rules): the same quote removal, automatic-answer signals and return dates the IMAP poller
 * uses, so each rule stays in one place.
 */
public final class ReplyReading {

    private ReplyReading() {
    }

    /** What a person wrote in {@code message}, without the quoted history (text part, else the HTML as text). */
    public static String text(Part message) throws MessagingException, IOException {
        return ReplyText.excerpt(message);
    }

    /** {@code body} without the quoted history under it. */
    public static String withoutQuotes(String body) {
        return ReplyText.withoutQuotes(body);
    }

    /** Why {@code message} is an automatic answer (headers such as Auto-Submitted, Precedence, or its subject); empty for a person's. */
    public static Optional<String> automaticAnswer(Message message) throws MessagingException {
        return AutoReplies.reason(message);
    }

    /** The latest date {@code text} names from {@code written} up to a year after it (an out-of-office's return). */
    public static Optional<LocalDate> latestDate(String text, LocalDate written) {
        return ReturnDates.in(text, written);
    }
}
