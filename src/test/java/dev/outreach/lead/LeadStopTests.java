package dev.outreach.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadStopTests {

    @Test
    void repliedUnsubscribedAndDisqualifiedLeadsStopEveryChannelABounceOnlyEmail() {
        assertThat(LeadStop.of(LeadStatus.REPLIED)).hasValueSatisfying(stop -> assertThat(stop.stopsEveryChannel()).isTrue());
        assertThat(LeadStop.of(LeadStatus.UNSUBSCRIBED)).map(LeadStop::sentence).hasValue("The lead unsubscribed");
        assertThat(LeadStop.of(LeadStatus.DISQUALIFIED)).map(LeadStop::reason).hasValue("disqualified");
        assertThat(LeadStop.of(LeadStatus.BOUNCED)).hasValueSatisfying(stop -> {
            assertThat(stop.stopsEveryChannel()).isFalse();
            assertThat(stop.reason()).isEqualTo("hard bounce");
        });
    }

    @Test
    void leadsStillInOutreachHaveNoStop() {
        assertThat(Arrays.asList(LeadStatus.values())).filteredOn(status -> LeadStop.of(status).isEmpty())
                .containsExactly(LeadStatus.NEW, LeadStatus.CONTACTED, LeadStatus.ENGAGED);
    }

    @Test
    void theTicksSqlNamesEachStopInOrderWithTheEnrollmentsOwnConditions() {
        String sql = LeadStop.sqlCase("l.status", Map.of(LeadStop.REPLIED, "e.last_email_replied_at is not null"));

        assertThat(sql.lines().map(String::strip)).containsExactly(
                "when e.last_email_replied_at is not null or l.status = 'REPLIED' then 'replied'",
                "when l.status = 'UNSUBSCRIBED' then 'unsubscribed'",
                "when l.status = 'BOUNCED' then 'hard bounce'",
                "when l.status = 'DISQUALIFIED' then 'disqualified'");
        assertThat(LeadStop.sqlStatuses()).isEqualTo("'REPLIED', 'UNSUBSCRIBED', 'BOUNCED', 'DISQUALIFIED'");
    }
}
