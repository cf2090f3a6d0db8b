package dev.outreach.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTests {

    private final TemplateRenderer renderer = new TemplateRenderer();
    private final Map<String, String> hostile = Map.of("first_name", "Bob", "company", "<script>alert(1)</script> & Co");

    @Test
    void leadFieldsAreEscapedInHtmlEvenInATripleMustache() {
        String html = renderer.renderHtml("body", "Hi {{first_name}},\n{{company}} / {{{company}}} / {{& company}}", hostile);

        assertThat(html).doesNotContain("<script>")
                .isEqualTo("Hi Bob,<br>\n&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co / "
                        + "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co / &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co");
    }

    @Test
    void plainTextKeepsValuesAsTheyAre() {
        assertThat(renderer.renderText("body", "{{company}}", hostile)).isEqualTo("<script>alert(1)</script> & Co");
    }

    @Test
    void missingVariablesAndSectionsRenderAsNothing() {
        String text = renderer.renderText("body", "Hi {{first_name}}{{#city}} from {{city}}{{/city}}, {{nonsense}}|{{industry}}|",
                Map.of("first_name", "Bob"));

        assertThat(text).isEqualTo("Hi Bob, ||");
    }

    @Test
    void aSyntaxErrorIsRefusedNamingTheFieldAndLine() {
        assertThatThrownBy(() -> renderer.compile("body", "Hi {{first_name}},\n\n{{#company}}unclosed section\nBye"))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid -> {
                    FieldError error = invalid.errors().getFirst();
                    assertThat(error.field()).isEqualTo("body");
                    assertThat(error.message()).startsWith("Line ");
                });
        assertThatThrownBy(() -> renderer.compile("subject", "Hello\n{{/company}}"))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid ->
                        assertThat(invalid.errors().getFirst().message()).startsWith("Line 2: "));
        assertThatThrownBy(() -> renderer.compile("body", "one\ntwo\n{{#city}} in {{city}}{{/company}}"))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid ->
                        assertThat(invalid.errors().getFirst().message()).startsWith("Line 3: "));
    }

    @Test
    void anUnclosedTagIsRefusedRatherThanSentAsText() {
        assertThatThrownBy(() -> renderer.compile("body", "one\ntwo\nHi {{first_name,"))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid ->
                        assertThat(invalid.errors().getFirst().message()).isEqualTo("Line 3: \"{{\" is never closed with \"}}\""));
    }

    @Test
    void partialsAreRefused() {
        assertThatThrownBy(() -> renderer.renderText("body", "{{> /etc/passwd}}", Map.of()))
                .isInstanceOf(InvalidInputException.class);
    }
}
