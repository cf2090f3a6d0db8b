package dev.outreach.lead;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeZoneNamesTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            EST                                      | America/New_York
            pdt                                      | America/Los_Angeles
            CET                                      | Europe/Berlin
            UTC-07:00                                | Etc/GMT+7
            GMT+2                                    | Etc/GMT-2
            UTC +5                                   | Etc/GMT-5
            -0500                                    | Etc/GMT+5
            UTC+00:00                                | Etc/UTC
            Pacific Time (US & Canada)               | America/Los_Angeles
            Eastern Time (US & Canada)               | America/New_York
            Central European Time                    | Europe/Berlin
            W. Europe Standard Time                  | Europe/Berlin
            (UTC-05:00) Eastern Time (US & Canada)   | America/New_York
            (UTC+01:00) Somewhere We Do Not Know     | Etc/GMT-1
            america/chicago                          | America/Chicago
            '  Europe/Paris '                        | Europe/Paris
            """)
    void writtenZonesAreReadAsIanaRegionIds(String written, String zone) {
        assertThat(TimeZoneNames.toIana(written)).contains(zone);
        assertThat(LeadValidator.isIanaZone(zone)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus", "UTC+05:30", "GMT+15", "Moon Time", "5", ""})
    void unknownZonesAndOffsetsWithoutAZoneOfTheirOwnAreEmpty(String written) {
        assertThat(TimeZoneNames.toIana(written)).isEmpty();
    }
}
