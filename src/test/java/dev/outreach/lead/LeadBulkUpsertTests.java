package dev.outreach.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.lead.BulkUpsertReport.Outcome;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** Bulk upsert by email and cursor search through LeadService, on the embedded database. */
@SpringBootTest
@ActiveProfiles("test")
class LeadBulkUpsertTests {

    @Autowired
    LeadService leads;
    @Autowired
    JdbcClient jdbc;

    private final String token = Long.toString(System.nanoTime(), 36);

    @Test
    void createsNewLeadsUpdatesExistingOnesByEmailAndReportsBadRowsByLineAndField() {
        LeadDraft existing = draft("old");
        existing.setTitle("Estimator");
        existing.setCity("Tulsa");
        long existingId = SystemActor.call(() -> leads.create(existing));

        LeadDraft update = new LeadDraft(); // only what changes: no name or company of its own
        update.setEmail("OLD@" + token + ".example.com");
        update.setTitle("Owner");
        LeadDraft badEmail = draft("bad");
        badEmail.setEmail("not an email");
        LeadDraft badZone = draft("zone");
        badZone.setTimeZone("Mars/Olympus");
        LeadDraft repeat = draft("new");
        repeat.setCompany("Repeat Co");

        BulkUpsertReport report = SystemActor.call(() -> leads.bulkUpsert(List.of(draft("new"), update, badEmail, badZone, repeat)));

        assertThat(report.created()).isEqualTo(1);
        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.rejected()).isEqualTo(3);
        assertThat(report.rows()).extracting(BulkUpsertReport.Row::outcome)
                .containsExactly(Outcome.CREATED, Outcome.UPDATED, Outcome.ERROR, Outcome.ERROR, Outcome.ERROR);
        assertThat(report.rows().get(1).id()).isEqualTo(existingId);
        assertThat(report.rows().get(2).errors()).extracting(FieldError::field).containsExactly("email");
        assertThat(report.rows().get(3).errors()).extracting(FieldError::field).containsExactly("timeZone");
        assertThat(report.rows().get(4).errors()).containsExactly(new FieldError("email", "Line 1 has the same email"));
        LeadDetails updated = SystemActor.call(() -> leads.find(existingId)).orElseThrow();
        assertThat(updated.fields().getTitle()).as("the row's value").isEqualTo("Owner");
        assertThat(updated.fields().getCity()).as("left out, kept").isEqualTo("Tulsa");
        LeadDetails created = SystemActor.call(() -> leads.find(report.rows().getFirst().id())).orElseThrow();
        assertThat(created.source()).isEqualTo("API");
        assertThat(created.fields().getEmail()).isEqualTo("new@" + token + ".example.com");
        assertThat(jdbc.sql("select count(*) from lead where email_normalized like :p").param("p", "%@" + token + ".example.com")
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aLinkedinProfileOfAnotherLeadIsRefusedOnThatRow() {
        LeadDraft owner = draft("owner");
        owner.setLinkedin("https://www.linkedin.com/in/owner-" + token);
        SystemActor.call(() -> leads.create(owner));
        LeadDraft thief = draft("thief");
        thief.setLinkedin("owner-" + token);

        BulkUpsertReport report = SystemActor.call(() -> leads.bulkUpsert(List.of(thief, draft("fine"))));

        assertThat(report.rows().getFirst().errors()).extracting(FieldError::field).containsExactly("linkedin");
        assertThat(report.rows().get(1).outcome()).isEqualTo(Outcome.CREATED);
    }

    @Test
    void moreThanAThousandRowsAreRefusedNamingTheLimitAndNothingIsStored() {
        List<LeadDraft> rows = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            rows.add(draft("n" + i));
        }
        assertThatThrownBy(() -> SystemActor.call(() -> leads.bulkUpsert(rows))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("leads: At most 1,000 leads per call; this one has 1,001");
        assertThat(jdbc.sql("select count(*) from lead where email_normalized like :p").param("p", "%@" + token + ".example.com")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void cursorPagesCoverTheGridsResultsOnceEvenWhenLeadsAreAddedWhilePaging() {
        List<LeadDraft> rows = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            rows.add(draft("p" + i));
        }
        SystemActor.call(() -> leads.bulkUpsert(rows));
        LeadFilter filter = LeadFilter.all().withText(token);
        List<Long> grid = SystemActor.call(() -> leads.page(filter, LeadSort.CREATED, true, 0, 1000)).stream()
                .map(LeadRow::id).toList();

        List<Long> paged = new ArrayList<>();
        String cursor = null;
        do {
            String after = cursor;
            LeadSearchPage page = SystemActor.call(() -> leads.search(filter, after, 10));
            page.leads().forEach(row -> paged.add(row.id()));
            cursor = page.next().orElse(null);
            if (paged.size() == 10) {
                SystemActor.call(() -> leads.create(draft("late")));
            }
        } while (cursor != null);

        assertThat(grid).hasSize(25);
        assertThat(paged).isEqualTo(grid);
        assertThatThrownBy(() -> SystemActor.call(() -> leads.search(filter, "garbage", 10))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("cursor:");
        assertThatThrownBy(() -> SystemActor.call(() -> leads.search(filter, null, 501))).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("size:");
    }

    private LeadDraft draft(String name) {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName(name);
        draft.setCompany("Bulk " + token);
        draft.setEmail(name + "@" + token + ".example.com");
        return draft;
    }
}
