package dev.outreach.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.channel.Delivery.Content;
import dev.outreach.shared.TrackingProperties;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrackedBodyTests {

    private final UUID message = UUID.randomUUID();
    private final MessageLinks links = EmailDeliveries.links(TrackingProperties.defaults());

    private String click(String url) {
        return "https://outreach.example/t/c/" + EmailDeliveries.TOKENS.click(message, url).orElseThrow();
    }

    @Test
    void leadDataInTheTextIsEscapedInTheHtmlPart() {
        Content body = TrackedBody.of(new Content("s", "Hi <script>alert('x')</script> & \"friends\"", null), message, links);

        assertThat(body.htmlBody()).contains("<p>Hi &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;friends&quot;</p>")
                .doesNotContain("<script>");
    }

    @Test
    void blankLinesMakeParagraphsAndSingleLineBreaksStay() {
        Content body = TrackedBody.of(new Content("s", "Hi Jane,\n\nline one\nline two\n\n\n\nSam", null), message, links);

        assertThat(body.htmlBody()).contains("<p>Hi Jane,</p>\n<p>line one<br>\nline two</p>\n<p>Sam</p>");
    }

    @Test
    void urlsEndBeforeSentencePunctuationAndUnbalancedParentheses() {
        assertThat(TrackedBody.withoutTrailingPunctuation("https://a.test/x.")).isEqualTo("https://a.test/x");
        assertThat(TrackedBody.withoutTrailingPunctuation("https://a.test/x),")).isEqualTo("https://a.test/x");
        assertThat(TrackedBody.withoutTrailingPunctuation("https://a.test/wiki/Foo_(bar)")).isEqualTo("https://a.test/wiki/Foo_(bar)");

        Content body = TrackedBody.of(new Content("s", "(see https://a.test/x), or https://b.test/?q=1&r=2!", null), message, links);

        assertThat(body.textBody()).startsWith("(see " + click("https://a.test/x") + "), or " + click("https://b.test/?q=1&r=2") + "!");
    }

    @Test
    void writtenHtmlKeepsItsMarkupAndGetsTrackedLinksFooterAndPixel() {
        Content body = TrackedBody.of(new Content("s", "text", "<p>Hi <a href=\"https://a.test/p\">pricing</a>"
                + " <a href=\"mailto:sam@acme.test\">mail me</a></p>"), message, links);

        assertThat(body.htmlBody()).contains("<a href=\"" + click("https://a.test/p") + "\">pricing</a>")
                .contains("<a href=\"mailto:sam@acme.test\">mail me</a>")
                .contains("https://outreach.example/u/" + EmailDeliveries.TOKENS.unsubscribe(message))
                .contains("https://outreach.example/t/o/" + EmailDeliveries.TOKENS.open(message));
    }

    @Test
    void ourOwnLinksAreNeverTracked() {
        String unsubscribe = links.oneClick(message).toString();

        Content body = TrackedBody.of(new Content("s", "Stop: " + unsubscribe, null), message, links);

        assertThat(body.textBody()).startsWith("Stop: " + unsubscribe).doesNotContain("/t/c/");
        assertThat(body.htmlBody()).doesNotContain("/t/c/");
    }

    @Test
    void withTrackingOffLinksStayAsWrittenAndThereIsNoPixel() {
        MessageLinks untracked = EmailDeliveries.links(new TrackingProperties(false, false, Duration.ofSeconds(10), true));

        Content body = TrackedBody.of(new Content("s", "See https://a.test/x", null), message, untracked);

        assertThat(body.textBody()).startsWith("See https://a.test/x\n").contains("Unsubscribe: https://outreach.example/u/");
        assertThat(body.htmlBody()).contains("<a href=\"https://a.test/x\">https://a.test/x</a>")
                .doesNotContain("/t/o/").doesNotContain("/t/c/");
    }
}
