package dev.outreach.channel.contactform;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldClassifierTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            <input name="wpforms[fields][0][first]">                                                    |       | FIRST_NAME
            <input name="wpforms[fields][0][last]">                                                     |       | LAST_NAME
            <div class="ginput_container ginput_container_name"><input name="input_1.3"></div>        | First | FIRST_NAME
            <div class="ginput_container ginput_container_name"><input name="input_1.6"></div>        | Last  | LAST_NAME
            <div class="ginput_container ginput_container_address"><input name="input_4.3"></div>     | City  | OTHER
            <input name="item_meta[6]">                                                                 | First | FIRST_NAME
            <input name="q3_name[last]" autocomplete="section-input_3 family-name">                     |       | LAST_NAME
            <input name="x1" autocomplete="given-name">                                                 |       | FIRST_NAME
            <input name="name_last">                                                                    |       | LAST_NAME
            <input name="form_fields[name]">                                                            | Name  | NAME
            <input name="realname">                                                                     |       | NAME
            """)
    void nameSubFieldsAreToldByLabelSublabelSuffixAndAutocomplete(String html, String label, FieldRole role) {
        Element control = Jsoup.parse(html).selectFirst("input");

        assertThat(FieldClassifier.classify(control, label == null ? "" : label).role()).isEqualTo(role);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            I agree to the privacy policy                                   | PRIVACY_CONSENT
            I consent to the storage of my personal data                    | PRIVACY_CONSENT
            Send me seasonal offers and news                                | MARKETING_CONSENT
            I agree to receive SMS text messages                            | MARKETING_CONSENT
            I accept the privacy policy and want the newsletter             | MARKETING_CONSENT
            Email me a copy                                                 | OTHER
            """)
    void marketingAndSmsConsentWinOverPrivacyAcceptance(String label, FieldRole role) {
        Element box = Jsoup.parse("<input type=checkbox name=box>").selectFirst("input");

        assertThat(FieldClassifier.classifyBox(box, label).role()).isEqualTo(role);
    }
}
