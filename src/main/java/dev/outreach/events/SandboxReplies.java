package dev.outreach.events;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * What the sandbox's simulated prospects write back: a few replies a salesperson meets every day
 * (interested, a meeting, no, not now, wrong person, remove me), picked by the message id, so that
 * the inbox of the embedded demo is full of mail the reply rules can label.
 */
final class SandboxReplies {

    private static final List<String> TEXTS = List.of(
            "This is actually timely - we've been struggling to fill the schedule for a while. Can you send me some info on pricing?\n\nThanks,\n%s",
            "Happy to jump on a call. Does Thursday at 2pm work for you? Send me an invite.\n\n%s",
            "Thanks but we're not interested. We already work with someone and are happy with it.\n\n%s",
            "Not right now, we are slammed with the spring rush. Reach out again in September.\n\n%s",
            "Hi, I'm not the right person for this. You should talk to Maria Lopez (maria.lopez@%2$s), she runs our operations.\n\n%1$s",
            "Please remove me from your list.",
            "Sounds interesting. Tell me more\n\nSent from my iPhone");

    private SandboxReplies() {
    }

    /** The reply to our message {@code messageId}, signed with the lead's first name, a referral at their own domain. */
    static String text(UUID messageId, String firstName, String email) {
        SplittableRandom random = new SplittableRandom(messageId.getLeastSignificantBits() * 31 + messageId.getMostSignificantBits());
        String domain = email == null || !email.contains("@") ? "example.com" : email.substring(email.indexOf('@') + 1);
        String name = firstName == null || firstName.isBlank() ? "" : firstName.strip();
        return String.format(Locale.ROOT, TEXTS.get(random.nextInt(TEXTS.size())), name, domain).strip();
    }
}
