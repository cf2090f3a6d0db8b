package dev.outreach.channel.contactform;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Encodes a submission as a browser does (HTML's form submission algorithm), always in UTF-8:
 * GET puts the URL-encoded fields in the query (replacing any), POST sends them URL-encoded or,
 * for {@code enctype="multipart/form-data"}, as multipart with a random boundary.
 */
final class FormEncoder {

    /** A request ready to send: body and content type are empty for GET. */
    record EncodedForm(URI uri, String method, String contentType, byte[] body) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private FormEncoder() {
    }

    static EncodedForm encode(FormSubmission submission) {
        List<FormEntry> entries = submission.entries().stream()
                .map(e -> new FormEntry(e.name(), normalizeNewlines(e.value())))
                .toList();
        if (submission.method().equals("GET")) {
            return new EncodedForm(withQuery(submission.action(), urlEncoded(entries)), "GET", "", new byte[0]);
        }
        if (submission.multipart()) {
            String boundary = "----OutreachEngineFormBoundary" + HexFormat.of().formatHex(randomBytes());
            return new EncodedForm(submission.action(), "POST", "multipart/form-data; boundary=" + boundary,
                    multipart(entries, boundary));
        }
        return new EncodedForm(submission.action(), "POST", "application/x-www-form-urlencoded",
                urlEncoded(entries).getBytes(StandardCharsets.UTF_8));
    }

    static String urlEncoded(List<FormEntry> entries) {
        return entries.stream()
                .map(e -> encode(e.name()) + "=" + encode(e.value()))
                .collect(Collectors.joining("&"));
    }

    private static byte[] multipart(List<FormEntry> entries, String boundary) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (FormEntry entry : entries) {
            write(body, "--" + boundary + "\r\n");
            write(body, "Content-Disposition: form-data; name=\"" + escapeName(entry.name()) + "\"\r\n\r\n");
            write(body, entry.value() + "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return body.toByteArray();
    }

    /** The HTML standard's escaping of a multipart field name. */
    private static String escapeName(String name) {
        return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Browsers submit every line break as CRLF. */
    private static String normalizeNewlines(String value) {
        return value.replaceAll("\r\n|\r|\n", "\r\n");
    }

    private static URI withQuery(URI action, String query) {
        String base = action.toString();
        int queryStart = base.indexOf('?');
        base = queryStart < 0 ? base : base.substring(0, queryStart);
        return URI.create(query.isEmpty() ? base : base + "?" + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
