package dev.outreach.channel.contactform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HoneypotsTests {

    private static Optional<String> decoy(String html) {
        Document page = Jsoup.parse(html, "https://acme.example/contact");
        Element form = page.selectFirst("form");
        return new Honeypots(page).decoy(page.getElementById("trap"), form);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            <div style="display:none"><label for=trap>Email</label><input id=trap name=email2 type=email></div>       | hidden by its style 'display:none'
            <p style="visibility: hidden"><input id=trap name=website></p>                                          | hidden by its style
            <div style="position:absolute;left:-9999px"><input id=trap name=url></div>                              | left:-9999px
            <div style="height:0;overflow:hidden"><textarea id=trap name=comment></textarea></div>                   | height:0
            <div style="opacity:0"><input id=trap name=hp></div>                                                      | opacity:0
            <div class="gfield gform_validation_container"><label for=trap>Comments</label><input id=trap name=input_5></div> | honeypot class 'gform_validation_container'
            <div class="wpforms-field wpforms-field-hp"><input id=trap name="wpforms[hp]"></div>                       | honeypot class 'wpforms-field-hp'
            <div class="nf-field-container"><input id=trap class="nf-element nf-field-hp" name=nf-field-hp></div>      | honeypot class 'nf-field-hp'
            <div class="frm_verify"><input id=trap name=frm_verify></div>                                             | honeypot class 'frm_verify'
            <div aria-hidden="true"><input id=trap name=email_confirm type=email></div>                               | aria-hidden
            <input id=trap name=company tabindex="-1">                                                                | tabindex=-1
            <div class=hp-row><label for=trap>Leave this field blank</label><input id=trap name=x></div>              | leave this field blank
            <div><label for=trap>If you are human, do not fill this</label><input id=trap name=y></div>             | if you are human
            <div class=trapwrap><input id=trap name=website></div>                                                   | page's style sheet
            """)
    void decoysAreRecognisedByWhatHidesThemNotByTheirLabel(String field, String why) {
        String html = "<style>form .trapwrap { display: none }</style><form method=post>" + field
                + "<label for=e>Email</label><input id=e name=email type=email><textarea name=message></textarea></form>";

        assertThat(decoy(html)).hasValueSatisfying(reason -> assertThat(reason).containsIgnoringCase(why));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<label for=trap>Website</label><input id=trap name=website>",
        "<div class=field><label for=trap>Email</label><input id=trap name=email type=email required></div>",
        "<div style=\"display:flex\"><input id=trap name=phone type=tel></div>"})
    void fieldsAPersonSeesAreNotDecoys(String field) {
        assertThat(decoy("<form method=post>" + field + "</form>")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<div style=\"display:none\" class=modal><form method=post><input id=trap name=email type=email></form></div>"})
    void aFormInAClosedPopUpIsStillFilled(String html) {
        assertThat(decoy(html)).isEmpty();
    }
}
