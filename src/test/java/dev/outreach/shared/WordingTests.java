package dev.outreach.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordingTests {

    @Test
    void aCountOfOneIsSingularAndEveryOtherCountPlural() {
        assertThat(Wording.count(1, "row")).isEqualTo("1 row");
        assertThat(Wording.count(0, "row")).isEqualTo("0 rows");
        assertThat(Wording.count(12_345, "row")).isEqualTo("12,345 rows");
        assertThat(Wording.count(1, "touch", "touches")).isEqualTo("1 touch");
        assertThat(Wording.count(2, "touch", "touches")).isEqualTo("2 touches");
    }

    @Test
    void aNameEndingInSTakesTheApostropheAlone() {
        assertThat(Wording.possessive("Atlas Contractors")).isEqualTo("Atlas Contractors'");
        assertThat(Wording.possessive("Dana")).isEqualTo("Dana's");
        assertThat(Wording.possessive("ACME PLUMBERS ")).isEqualTo("ACME PLUMBERS'");
    }
}
