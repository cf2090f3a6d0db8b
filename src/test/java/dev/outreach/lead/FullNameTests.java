package dev.outreach.lead;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FullNameTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Jane Doe                 | Jane          | Doe
            Mary Ann Smith           | Mary Ann      | Smith
            Ludwig van Beethoven     | Ludwig        | van Beethoven
            Maria de la Cruz         | Maria         | de la Cruz
            John Smith Jr.           | John          | Smith Jr.
            'Smith, John'            | John          | Smith
            'John Smith, Jr.'        | John          | Smith Jr.
            Cher                     | Cher          | -
            '  Ana   Lima '          | Ana           | Lima
            """)
    void aFullNameIsSplitIntoFirstAndLastName(String written, String first, String last) {
        assertThat(FullName.split(written)).isEqualTo(new FullName(first, last));
    }
}
