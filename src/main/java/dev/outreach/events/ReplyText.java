package dev.outreach.events;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/**
 * What a person wrote in a reply, without the quoted history under it: the text part (or the
 * HTML part as text), cut at the first quote marker ("On ... wrote:", "-----Original
 * Message-----", an Outlook "From:/Sent:" block, "Am ... schrieb", "Le ... a écrit", ...)
 * and without "&gt;" lines. At most 4,000 characters.
 */
final class ReplyText {

    static final int MAX_CHARS = 4000;
    /** Larger bodies are cut before they are looked at: the reply is at the top. */
    private static final int MAX_BODY_CHARS = 200_000;

    private static final List<Pattern> QUOTE_STARTS = List.of(
            Pattern.compile("^(On|Am|Le|El|Il|Op|Em|Den|W dniu)\\s.+(wrote|schrieb|a écrit|escribió|ha scritto|schreef"
                    + "|escreveu|skrev|napisał)\\s?:\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^-{2,}\\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original"
                    + "|Messaggio originale|Oorspronkelijk bericht|Mensagem original|Forwarded message)\\s*-{2,}.*$",
                    Pattern.CASE_INSENSITIVE),
            Pattern.compile("^_{10,}\\s*$"));
    /** "On Mon, 2 Mar 2026 at 09:15, Sam <sam@acme.test>" with "wrote:" on the next line. */
    private static final Pattern WROTE_ALONE = Pattern.compile("^\\S*\\s*(wrote|schrieb|a écrit|escribió|ha scritto"
            + "|schreef|escreveu|skrev|napisał)\\s?:\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ON_LINE = Pattern.compile("^(On|Am|Le|El|Il|Op|Em|Den)\\s.+", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_FROM = Pattern.compile("^\\*?(From|Von|De|Van|Da|Från|Od)\\s?:.*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_NEXT = Pattern.compile("^\\*?(Sent|Date|Gesendet|Datum|Envoyé|Enviado|Verzonden"
            + "|Inviato|Skickat|Wysłano|To|An|À|Para|Aan|A)\\s?:.*", Pattern.CASE_INSENSITIVE);

    private ReplyText() {
    }

    /** The excerpt of a message's own text; empty string when it has none we can read. */
    static String excerpt(Part message) throws MessagingException, IOException {
        Optional<String> text = firstPart(message, "text/plain");
        if (text.isEmpty()) {
            text = firstPart(message, "text/html").map(ReplyText::htmlAsText);
        }
        return text.map(ReplyText::withoutQuotes).orElse("");
    }

    static String withoutQuotes(String body) {
        String[] lines = (body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body).split("\\R", -1);
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (quoteStarts(lines, i, line)) {
                break;
            }
            if (!line.startsWith(">")) {
                kept.append(lines[i].stripTrailing()).append('\n');
            }
        }
        String excerpt = kept.toString().replaceAll("\n{3,}", "\n\n").strip();
        return excerpt.length() > MAX_CHARS ? excerpt.substring(0, MAX_CHARS - 1) + "…" : excerpt;
    }

    private static boolean quoteStarts(String[] lines, int i, String line) {
        if (QUOTE_STARTS.stream().anyMatch(p -> p.matcher(line).matches())) {
            return true;
        }
        String next = i + 1 < lines.length ? lines[i + 1].strip() : "";
        if (ON_LINE.matcher(line).matches() && WROTE_ALONE.matcher(next).matches()) {
            return true;
        }
        return HEADER_FROM.matcher(line).matches() && HEADER_NEXT.matcher(next).matches();
    }

    /** The HTML as text, line breaks kept (wholeText renders br), the quoted part (Gmail's, Outlook's, blockquotes) dropped. */
    static String htmlAsText(String html) {
        Document document = Jsoup.parse(html);
        document.select("blockquote, .gmail_quote, #divRplyFwdMsg, #appendonsend, style, script, head").remove();
        for (Element block : document.select("p, div, li, tr, h1, h2, h3, h4, h5, h6")) {
            block.appendChild(new TextNode("\n"));
        }
        return document.body() == null ? "" : document.body().wholeText();
    }

    private static Optional<String> firstPart(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                Optional<String> found = firstPart(multipart.getBodyPart(i), type);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            Object content = part.getContent();
            return content instanceof String text ? Optional.of(text) : Optional.empty();
        }
        return Optional.empty();
    }
}
