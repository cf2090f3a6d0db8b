package dev.outreach.inbox;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What the intent rules and the model look at.
 *
 * @param text what the person wrote, without the quoted history
 * @param automatic why the mail was taken for an automatic answer (headers, subject); empty for a person's
 * @param written the day it was written, from which dates without a year are read
 */
public record IncomingReply(String subject, String from, String text, Optional<String> automatic, LocalDate written) {

    public IncomingReply {
        subject = subject == null ? "" : subject;
        from = from == null ? "" : from;
        text = text == null ? "" : text;
    }
}
