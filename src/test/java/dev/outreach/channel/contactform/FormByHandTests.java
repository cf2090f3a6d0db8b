package dev.outreach.channel.contactform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.shared.InvalidInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.Assertions;

class FormByHandTests {

    private static final FormByHand FORM = new FormByHand("https://example.com/contact", "hCaptcha", List.of(
            new FormByHand.Field("Your <b>name</b>", "Jane Doe"),
            new FormByHand.Field("  Email\n address ", "jane@outreach.example"),
            new FormByHand.Field("Message", "Hi,\n\nwe help plumbers.\n── not a label ──? no: a line of the message")));

    @Test
    void theTaskTextReadsAsInstructionsAndEachValueUnderItsLabel() {
        assertThat(FORM.taskText()).isEqualTo("""
                hCaptcha protects this form: open the page, paste each value, solve it, submit.

                ── Your <b>name</b> ──
                Jane Doe

                ── Email address ──
                jane@outreach.example

                ── Message ──
                Hi,

                we help plumbers.
                ── not a label ──? no: a line of the message
                """);
    }

    @Test
    void theTaskTextSplitsBackIntoTheSameFieldsMultiLineValuesIncluded() {
        FormByHand read = FormByHand.fromTaskText("https://example.com/contact", FORM.taskText());

        assertThat(read).isEqualTo(FORM);
    }

    @Test
    void aValueEndingInABlankLineKeepsIt() {
        FormByHand form = new FormByHand("https://example.com", "reCAPTCHA", List.of(
                new FormByHand.Field("Message", "Hi\n"), new FormByHand.Field("Name", "")));

        assertThat(FormByHand.fromTaskText("https://example.com", form.taskText()).fields())
                .isEqualTo(form.fields());
    }

    @Test
    void textOfAnotherShapeHasNoFields() {
        assertThat(FormByHand.fromTaskText("https://x.example", "Call them about the spring backlog.").fields())
                .isEmpty();
        assertThat(FormByHand.fromTaskText("https://x.example", null).fields()).isEmpty();
    }

    @Test
    void theSettingIsOffUnlessSaidTrueAndABadValueIsNamed() {
        assertThat(ContactFormSettings.from(Map.of()).captchaToOperator()).isFalse();
        assertThat(ContactFormSettings.from(Map.of("captcha_to_operator", " TRUE ")).captchaToOperator()).isTrue();
        assertThat(ContactFormSettings.from(Map.of("captcha_to_operator", "false")).captchaToOperator()).isFalse();
        Assertions.assertThatThrownBy(() -> ContactFormSettings.from(Map.of("captcha_to_operator", "yes")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().getFirst().field())
                        .isEqualTo("settings.captcha_to_operator"));
    }
}
