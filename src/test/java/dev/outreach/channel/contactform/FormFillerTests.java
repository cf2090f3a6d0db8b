package dev.outreach.channel.contactform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class FormFillerTests {

    private static final ContactFormRequest REQUEST = new ContactFormRequest("https://acme.example/contact",
            "Jane van der Berg", "jane@outreach.example", null, "Outreach Co", "Hello", "A short note.");

    private static FormFill fill(String formHtml) {
        ContactForm form = new ContactFormFinder().find(Jsoup.parse(formHtml, "https://acme.example/contact"))
                .orElseThrow();
        return FormFiller.fill(form, REQUEST);
    }

    private static FormSubmission ready(String formHtml) {
        return ((FormFill.Ready) fill(formHtml)).submission();
    }

    @Test
    void aSplitNameGetsTheFirstWordAndTheRest() {
        FormSubmission submission = ready("""
                <form method="post"><input name="first_name"><input name="last_name">
                <input name="email" type="email"><textarea name="message"></textarea></form>
                """);

        assertThat(submission.fieldMap()).containsExactly(entry("first_name", "Jane"),
                entry("last_name", "van der Berg"), entry("email", "jane@outreach.example"),
                entry("message", "A short note."));
    }

    @Test
    void optionalFieldsWeHaveNoValueForKeepTheirDefault() {
        FormSubmission submission = ready("""
                <form method="post"><input name="email" type="email"><input name="phone" type="tel" value="">
                <input name="website" value="https://"><input name="hp_trap" value="">
                <textarea name="message"></textarea></form>
                """);

        assertThat(submission.fieldMap()).containsEntry("phone", "").containsEntry("website", "https://")
                .containsEntry("hp_trap", "");
    }

    @Test
    void aRequiredFieldWeCannotFillSkipsTheFormNamingIt() {
        assertThat(reason("""
                <form method="post"><input name="email" type="email"><textarea name="message"></textarea>
                <label for="tel">Phone</label><input id="tel" name="tel" type="tel" required></form>
                """)).isEqualTo("required field 'Phone' (tel, text) cannot be filled");
        assertThat(reason("""
                <form method="post"><input name="email" type="email"><textarea name="message"></textarea>
                <select name="budget" required><option value="">Choose</option><option value="">--</option></select></form>
                """)).isEqualTo("required field 'budget' (select) cannot be filled");
        assertThat(reason("""
                <form method="post"><input name="email" type="email"><textarea name="message"></textarea>
                <input type="checkbox" name="terms-of-service-2" value="1" required></form>
                """)).isEqualTo("required field 'terms-of-service-2' (checkbox) cannot be filled");
    }

    private static String reason(String formHtml) {
        return ((FormFill.Unfillable) fill(formHtml)).reason();
    }

    @Test
    void aRequiredChoiceGetsTheNeutralOptionElseTheFirstRealOne() {
        FormSubmission submission = ready("""
                <form method="post"><input name="email" type="email"><textarea name="message"></textarea>
                <select name="service" required><option value="">Select a service</option><option>Repair</option>
                <option value="other">Other</option></select>
                <select name="budget" required><option value="">Choose</option><option>10k</option><option>20k</option></select>
                <input type="radio" name="reason" value="sales" required><input type="radio" name="reason" value="support">
                </form>
                """);

        assertThat(submission.fieldMap()).containsExactly(entry("email", "jane@outreach.example"),
                entry("message", "A short note."), entry("service", "other"), entry("budget", "10k"),
                entry("reason", "sales"));
    }

    @Test
    void checkedBoxesPresetChoicesAndTheDefaultButtonAreSubmittedAsABrowserWould() {
        FormSubmission submission = ready("""
                <form method="post"><input name="email" type="email"><textarea name="message"></textarea>
                <input type="checkbox" name="news" value="1"><input type="checkbox" name="copy" checked>
                <input type="radio" name="via" value="email" checked><input type="radio" name="via" value="phone">
                <select name="topic"><option value="general">General</option><option value="sales">Sales</option></select>
                <input type="submit" name="op" value="Send"><input type="submit" name="op" value="Preview"></form>
                """);

        assertThat(submission.fieldMap()).containsExactly(entry("email", "jane@outreach.example"),
                entry("message", "A short note."), entry("copy", "on"), entry("via", "email"),
                entry("topic", "general"), entry("op", "Send"));
    }

    @Test
    void getFormsPutTheFieldsInTheQuery() {
        FormSubmission submission = ready("""
                <form action="/send?old=1"><input name="email" type="email"><textarea name="message"></textarea></form>
                """);

        FormEncoder.EncodedForm encoded = FormEncoder.encode(submission);

        assertThat(encoded.method()).isEqualTo("GET");
        assertThat(encoded.uri()).hasToString(
                "https://acme.example/send?email=jane%40outreach.example&message=A+short+note.");
        assertThat(encoded.body()).isEmpty();
    }
}
