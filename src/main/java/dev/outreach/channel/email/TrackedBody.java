package dev.outreach.channel.email;

import dev.outreach.channel.Delivery;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.web.util.HtmlUtils;

/**
 * The two bodies of an email as they go out: the text part, and an HTML part made from it when
 * the message has none (escaped, blank lines make paragraphs, links clickable). Links in both
 * go through the click redirect, the HTML part carries the 1x1 open pixel, and both end with
 * the unsubscribe link, which is never tracked.
 */
final class TrackedBody {

    /** An http(s) URL in running text, up to whitespace or a character that cannot be in one. */
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\R[ \\t]*\\R\\s*");
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");

    private TrackedBody() {
    }

    static Delivery.Content of(Delivery.Content content, UUID messageId, MessageLinks links) {
        Function<String, String> tracked = url -> links.click(messageId, url).map(URI::toString).orElse(url);
        String unsubscribe = links.oneClick(messageId).toString();
        Optional<URI> pixel = links.openPixel(messageId);
        String text = content.textBody() == null ? "" : content.textBody();
        String html = content.htmlBody() == null ? htmlFromText(text, tracked, unsubscribe, pixel)
                : trackedHtml(content.htmlBody(), tracked, unsubscribe, pixel);
        return new Delivery.Content(content.subject(), trackedText(text, tracked) + "\n\nUnsubscribe: " + unsubscribe, html);
    }

    static String trackedText(String text, Function<String, String> tracked) {
        return replaceUrls(text, url -> tracked.apply(url), plain -> plain);
    }

    static String htmlFromText(String text, Function<String, String> tracked, String unsubscribe, Optional<URI> pixel) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"></head><body>\n");
        for (String paragraph : PARAGRAPH_BREAK.split(text.strip())) {
            if (paragraph.isBlank()) {
                continue;
            }
            String lines = replaceUrls(paragraph.strip(),
                    url -> "<a href=\"" + HtmlUtils.htmlEscape(tracked.apply(url)) + "\">" + HtmlUtils.htmlEscape(url) + "</a>",
                    HtmlUtils::htmlEscape);
            html.append("<p>").append(LINE_BREAK.matcher(lines).replaceAll("<br>\n")).append("</p>\n");
        }
        html.append(footer(unsubscribe));
        pixel.ifPresent(uri -> html.append(pixelTag(uri)));
        return html.append("</body></html>\n").toString();
    }

    /** An HTML body written by someone: its http(s) links tracked, the footer and pixel appended. */
    static String trackedHtml(String html, Function<String, String> tracked, String unsubscribe, Optional<URI> pixel) {
        Document document = Jsoup.parse(html);
        document.outputSettings().prettyPrint(false);
        for (Element link : document.select("a[href]")) {
            String href = link.attr("href").strip();
            if (href.regionMatches(true, 0, "http://", 0, 7) || href.regionMatches(true, 0, "https://", 0, 8)) {
                link.attr("href", tracked.apply(href));
            }
        }
        document.body().append(footer(unsubscribe));
        pixel.ifPresent(uri -> document.body().append(pixelTag(uri)));
        return document.outerHtml();
    }

    private static String footer(String unsubscribe) {
        return "<p style=\"font-size:12px;color:#777777\"><a href=\"" + HtmlUtils.htmlEscape(unsubscribe)
                + "\" style=\"color:#777777\">Unsubscribe</a></p>\n";
    }

    private static String pixelTag(URI pixel) {
        return "<img src=\"" + HtmlUtils.htmlEscape(pixel.toString())
                + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;width:1px;height:1px;border:0\">\n";
    }

    /** Rewrites each URL in {@code text} and everything between them, in order. */
    private static String replaceUrls(String text, Function<String, String> url, Function<String, String> between) {
        if (!text.contains("://")) { // most paragraphs: no need to try the pattern at every character
            return between.apply(text);
        }
        StringBuilder out = new StringBuilder();
        Matcher matcher = URL.matcher(text);
        int last = 0;
        while (matcher.find()) {
            String found = withoutTrailingPunctuation(matcher.group());
            out.append(between.apply(text.substring(last, matcher.start()))).append(url.apply(found));
            last = matcher.start() + found.length();
        }
        return out.append(between.apply(text.substring(last))).toString();
    }

    /** "see https://x.test/a." ends the sentence, not the URL; a closing parenthesis belongs to it only when opened in it. */
    static String withoutTrailingPunctuation(String url) {
        String trimmed = url;
        while (!trimmed.isEmpty()) {
            char last = trimmed.charAt(trimmed.length() - 1);
            boolean unbalancedParen = last == ')' && trimmed.chars().filter(c -> c == '(').count()
                    < trimmed.chars().filter(c -> c == ')').count();
            if (".,;:!?'\"".indexOf(last) >= 0 || unbalancedParen || last == ']' || last == '>') {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            } else {
                break;
            }
        }
        return trimmed;
    }
}
