package dev.outreach.events;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Challenge-response answers (Boxbe, SpamArrest, Mailblocks, ChoiceMail, a mail server's own
 * "verify you are human"): our mail is held until a person proves to be one. No machine of ours
 * ever does that: the lead's email channel is flagged for an operator, and the link is shown as
 * text, never fetched.
 */
final class Challenges {

    private static final List<String> SERVICES = List.of("boxbe.com", "spamarrest.com", "mailblocks.com",
            "choicemail", "digiportal.com", "sendio.com", "qurb.com", "sanebox.com");
    private static final List<String> PHRASES = List.of("verify you are human", "verify that you are human",
            "verify you're human", "prove you are human", "prove that you are human", "confirm you are human",
            "confirm that you are human", "confirm you are a human", "i am a human", "not a robot",
            "sender verification", "verify your email address to", "verify your message", "approved sender list",
            "approve you as a sender", "added to my approved", "spam arrest", "protected by boxbe",
            "challenge-response", "challenge response", "one-time verification", "verify yourself",
            "click the link below to verify", "to have your message delivered", "bestatigen sie, dass sie ein mensch",
            "verifiez que vous etes humain", "confirme que eres humano");
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"')\\]]+", Pattern.CASE_INSENSITIVE);

    private Challenges() {
    }

    /** Why this is a challenge to verify; empty when it is not one. */
    static Optional<String> reason(Message message, String text) throws MessagingException {
        for (Enumeration<jakarta.mail.Header> headers = message.getAllHeaders(); headers.hasMoreElements(); ) {
            String name = headers.nextElement().getName().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-boxbe") || name.startsWith("x-spamarrest") || name.startsWith("x-challenge")) {
                return Optional.of(name + " header");
            }
        }
        Address[] from = safeFrom(message);
        String sender = from.length == 0 ? "" : from[0].toString().toLowerCase(Locale.ROOT);
        Optional<String> service = SERVICES.stream().filter(sender::contains).findFirst();
        if (service.isPresent()) {
            return Optional.of("sent by " + service.get());
        }
        String plain = AutoReplies.normalized(message.getSubject()) + "\n" + AutoReplies.normalized(text);
        return PHRASES.stream().filter(plain::contains).findFirst().map(p -> "\"" + p + "\"");
    }

    /** The link the challenge asks a person to follow, as text; never fetched. */
    static Optional<String> link(String text) {
        Matcher matcher = LINK.matcher(text == null ? "" : text);
        return matcher.find() ? Optional.of(matcher.group().length() > 300 ? matcher.group().substring(0, 300)
                : matcher.group()) : Optional.empty();
    }

    private static Address[] safeFrom(Message message) {
        try {
            Address[] from = message.getFrom();
            return from == null ? new Address[0] : from;
        } catch (MessagingException malformed) {
            return new Address[0];
        }
    }
}
