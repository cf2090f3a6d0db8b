package dev.outreach.lead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.support.PostgresIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The leads grid's page query on 200k leads uses an index for its sort and its filters. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeadGridPlanIntegrationTests extends PostgresIntegrationTest {

    static final int LEADS = 200_000;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    NamedParameterJdbcTemplate named;

    @BeforeAll
    void generateLeads() throws IOException {
        String sql = new ClassPathResource("db/generate-leads.sql").getContentAsString(StandardCharsets.UTF_8)
                .replace("${count}", Integer.toString(LEADS));
        jdbc.sql("delete from lead where source = 'BENCH'").update();
        for (String statement : sql.replaceAll("(?m)^--.*$", "").split(";")) {
            if (!statement.isBlank()) {
                jdbc.sql(statement).update();
            }
        }
    }

    @Test
    void defaultSortWalksTheCreatedIndexFirstPageAndDeepPage() {
        assertThat(plan(LeadFilter.all(), 0)).contains("Index Scan Backward using ix_lead_created").doesNotContain("Seq Scan", "Sort Key");
        assertThat(plan(LeadFilter.all(), 180_000)).contains("ix_lead_created").doesNotContain("Seq Scan");
    }

    @Test
    void statusFilterIsServedByAnIndexInSortOrderOnEveryPage() {
        LeadFilter contacted = LeadFilter.all().withStatus(LeadStatus.CONTACTED);

        // Page 1: PostgreSQL may walk either index; both deliver the order without sorting.
        assertThat(plan(contacted, 0)).contains("Index Scan").doesNotContain("Seq Scan", "Sort Key");
        // Deep pages: the status index finds the rows without reading the other statuses (PostgreSQL
        // may then sort the few matches instead of walking them in order).
        assertThat(plan(contacted, 25_000)).contains("ix_lead_status_created").doesNotContain("Seq Scan");
    }

    @Test
    void gradeFilterFirstPageIsServedByAnIndexInSortOrder() {
        assertThat(plan(LeadFilter.all().withGrade(Grade.B), 0)).contains("Index Scan").doesNotContain("Seq Scan", "Sort Key");
    }

    @Test
    void thePageQueryReturnsRowsInTheGridOrder() {
        List<LeadRow> page = new LeadQueries(jdbc, named.getJdbcTemplate().getDataSource())
                .page(LeadFilter.all().withStatus(LeadStatus.NEW), LeadSort.CREATED, true, 0, 50);

        assertThat(page).hasSize(50).allMatch(row -> row.status() == LeadStatus.NEW);
        assertThat(page).isSortedAccordingTo((a, b) -> b.createdAt().compareTo(a.createdAt()));
    }

    private String plan(LeadFilter filter, int offset) {
        LeadQueries.PageQuery query = LeadQueries.pageQuery(filter, LeadSort.CREATED, true, offset, 50);
        return String.join("\n", named.queryForList("explain " + query.sql(), query.params(), String.class));
    }
}
