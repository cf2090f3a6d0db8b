package dev.outreach.channel.contactform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/** The analysis an operator previews: what was chosen, and for every field what goes out and why. */
class ContactPageReaderTests {

    private static final ContactFormRequest REQUEST = new ContactFormRequest("https://acme.example/contact/",
            "Jane Doe", "jane@outreach.example", null, null, "Hello", "A short note.");

    private static FormAnalysis analyse(String corpusPage) throws IOException {
        String html = Files.readString(Path.of("src/test/resources/contact-form-corpus", corpusPage + ".html"))
                .replace("{{origin}}", "https://acme.example").replace("{{path}}", "/contact/");
        return new ContactPageReader().read(Jsoup.parse(html, "https://acme.example/contact/"), REQUEST).analysis();
    }

    private static FieldVerdict field(FormAnalysis analysis, String name) {
        return analysis.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void eachFieldSaysItsRoleTheValueThatGoesOutAndTheRule() throws IOException {
        FormAnalysis analysis = analyse("gf-radio-select-consent");

        assertThat(analysis.ready()).isTrue();
        assertThat(analysis.builder()).isEqualTo("Gravity Forms");
        assertThat(analysis.encoding()).isEqualTo("multipart/form-data");
        assertThat(analysis.choice()).startsWith("score 13 (a message (+5), an email (+3), a name (+2), says contact (+3))")
                .endsWith("the best of 2 forms");
        assertThat(field(analysis, "input_7")).isEqualTo(new FieldVerdict("input_7", "Phone", "honeypot", "",
                "decoy: its wrapper <div id=field_3_7> has the honeypot class 'gfield--type-honeypot'; keeps its own value"));
        assertThat(field(analysis, "input_1.3")).extracting(FieldVerdict::role, FieldVerdict::value, FieldVerdict::rule)
                .containsExactly("first name", "Jane", "name part .3");
        assertThat(field(analysis, "input_4")).extracting(FieldVerdict::role, FieldVerdict::value, FieldVerdict::rule)
                .containsExactly("choice", "General question",
                        "required, none chosen: the neutral option 'General question'");
        assertThat(field(analysis, "input_6.1")).extracting(FieldVerdict::role, FieldVerdict::value)
                .containsExactly("consent", "1");
        assertThat(field(analysis, "input_3").label()).isEqualTo("Comments");
    }

    @Test
    void boxesNeverTickedAreShownWithNoValue() throws IOException {
        FormAnalysis analysis = analyse("wpforms-preticked-offers-box");

        assertThat(field(analysis, "wpforms[fields][3][]")).extracting(FieldVerdict::role, FieldVerdict::sent)
                .containsExactly("left empty", false);
        assertThat(field(analysis, "wpforms[fields][3][]").rule()).contains("never ticked")
                .contains("unticked although the page ticked it");
        assertThat(field(analysis, "wpforms[token]")).extracting(FieldVerdict::role, FieldVerdict::value)
                .containsExactly("added by script", "9f8e7d6c5b4a39281706f5e4d3c2b1a0");
    }

    @Test
    void aScriptOnlyFormIsJsRenderedNotMissing() throws IOException {
        FormAnalysis analysis = analyse("hubspot-embed-v2");

        assertThat(analysis.ready()).isFalse();
        assertThat(analysis.jsRendered()).isEqualTo("js-rendered (HubSpot)");
        assertThat(analysis.skipReason()).isEqualTo("js-rendered (HubSpot)");
        assertThat(analysis.fields()).isEmpty();
    }
}
