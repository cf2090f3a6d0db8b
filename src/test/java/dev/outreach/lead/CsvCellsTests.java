package dev.outreach.lead;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellsTests {

    @Test
    void cellsStartingLikeAFormulaAreQuoted() {
        assertThat(CsvCells.neutralize("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(CsvCells.neutralize("+1 555")).isEqualTo("'+1 555");
        assertThat(CsvCells.neutralize("-5")).isEqualTo("'-5");
        assertThat(CsvCells.neutralize("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.neutralize("\tcmd")).isEqualTo("'\tcmd");
        assertThat(CsvCells.neutralize("\rcmd")).isEqualTo("'\rcmd");
    }

    @Test
    void importRestoresWhatExportNeutralized() {
        for (String cell : new String[] {"=HYPERLINK(\"x\")", "+1 (512) 555-0134", "-5", "@SUM(A1)", "'quoted'", "plain"}) {
            assertThat(CsvCells.restore(CsvCells.neutralize(cell))).isEqualTo(cell);
        }
    }

    @Test
    void otherCellsAreLeftAlone() {
        assertThat(CsvCells.neutralize("Acme = best")).isEqualTo("Acme = best");
        assertThat(CsvCells.neutralize("plain")).isEqualTo("plain");
        assertThat(CsvCells.neutralize("")).isEmpty();
        assertThat(CsvCells.neutralize(null)).isNull();
    }
}
