package dev.outreach.channel.contactform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.channel.contactform.NeutralChoice.Choice;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NeutralChoiceTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Select a service;Repair;Installation;Other    | Other
            -- Choose --;Sales;General inquiry;Support     | General inquiry
            Please select;Residential;Commercial          | Residential
            Pick one;I have a question;Billing            | I have a question
            ;Heating;Cooling                              | Heating
            """)
    void aNeutralOptionWinsElseTheFirstRealOne(String options, String picked) {
        List<Choice> choices = Arrays.stream(options.split(";", -1))
                .map(text -> new Choice(text.startsWith("Select") || text.startsWith("--") || text.isEmpty() ? "" : text,
                        text))
                .toList();

        assertThat(NeutralChoice.pick(choices)).hasValueSatisfying(p -> assertThat(p.choice().text()).isEqualTo(picked));
    }

    @org.junit.jupiter.api.Test
    void onlyPlaceholdersGiveNoChoice() {
        assertThat(NeutralChoice.pick(List.of(new Choice("", "Select one"), new Choice("", "--")))).isEmpty();
    }
}
