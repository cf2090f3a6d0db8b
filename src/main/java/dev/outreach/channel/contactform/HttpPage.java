package dev.outreach.channel.contactform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A response after redirects were followed.
 *
 * @param uri the URL that answered (the last one of a redirect chain)
 * @param status its HTTP status
 * @param contentType its Content-Type header, empty when missing
 * @param body the body, at most the configured cap
 */
record HttpPage(URI uri, int status, String contentType, byte[] body) {

    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([^\";\\s]+)");

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** HTML, or no content type at all (browsers sniff; so do we, by parsing). */
    boolean isHtml() {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.isBlank() || type.contains("html");
    }

    boolean isJson() {
        return contentType.toLowerCase(Locale.ROOT).contains("json");
    }

    /** The body parsed as HTML; jsoup falls back to the page's meta charset when the header names none. */
    Document document() {
        try {
            return Jsoup.parse(new ByteArrayInputStream(body), charset(), uri.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array does not fail
        }
    }

    String text() {
        String charset = charset();
        return new String(body, charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset));
    }

    private String charset() {
        Matcher matcher = CHARSET.matcher(contentType);
        return matcher.find() && Charset.isSupported(matcher.group(1)) ? matcher.group(1) : null;
    }
}
