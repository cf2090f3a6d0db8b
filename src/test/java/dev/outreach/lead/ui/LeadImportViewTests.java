package dev.outreach.lead.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.UploadKt;
import com.vaadin.flow.component.UI;
import dev.outreach.campaign.CampaignSummary;
import dev.outreach.lead.ImportOptions.InvalidRows;
import dev.outreach.lead.ImportReport.LineProblem;
import dev.outreach.lead.LeadFilter;
import dev.outreach.lead.LeadService;
import dev.outreach.security.Role;
import dev.outreach.support.KaribuTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class LeadImportViewTests extends KaribuTest {

    /**
     * Lines 3 and 7 are bad: emails without a domain. Line 5's time zone is unknown: it is left
     * empty with a warning and the row is imported.
     */
    private static final String CSV = """
            First Name,Last Name,E-mail,Company,Job Title,Timezone,Trade
            Ivy,Marsh,ivy@marsh-hvac-%1$s.com,Marsh HVAC %1$s,Owner,America/Denver,HVAC
            Bo,Ruiz,bo-at-ruiz,Ruiz Plumbing %1$s,Owner,America/Chicago,Plumbing
            Cy,Okafor,cy@okafor-electric-%1$s.com,Okafor Electric %1$s,Office Manager,America/New_York,Electrical
            Di,Lam,di@lam-solar-%1$s.com,Lam Solar %1$s,CEO,Mars/Olympus,Solar
            Ed,Berg,ed@berg-roofing-%1$s.com,Berg Roofing %1$s,Owner,America/Phoenix,Roofing
            Fa,Ng,fa-at-ng,Ng Glass %1$s,Owner,EST,Glazing
            """;

    @Autowired
    LeadService leads;
    @Autowired
    JdbcClient jdbc;

    private LeadImportView view;
    /** Keeps each test's leads apart in the shared database. */
    private final String token = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void uploadTheFile() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(LeadImportView.class);
        view = _get(LeadImportView.class);
        UploadKt._upload(view.upload, "leads.csv", "text/csv", CSV.formatted(token).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void headersAreMappedByGuessAndPreviewed() {
        assertThat(view.preview.getColumns()).hasSize(7);
        assertThat(GridKt._size(view.preview)).isEqualTo(5);
        assertThat(view.mappingForm.getChildren().count()).isEqualTo(7);
    }

    @Test
    void checkReportsEveryBadLineWithItsReason() {
        _click(view.check);

        assertThat(view.checkSummary.getText()).isEqualTo("6 rows: 4 valid, 2 with errors, 0 already exist as leads."
                + " 1 row has a value left empty (see the warnings).");
        List<LineProblem> problems = rows(view.problems);
        assertThat(problems).extracting(LineProblem::toString).containsExactly(
                "Line 3, E-mail: 'bo-at-ruiz' is not a valid email address",
                "Line 7, E-mail: 'fa-at-ng' is not a valid email address");
        assertThat(rows(view.warnings)).extracting(LineProblem::toString).containsExactly(
                "Line 5, Timezone: 'Mars/Olympus' is not a time zone we know; left empty (use a name such as"
                        + " America/Chicago, EST or UTC-05:00)");
        assertThat(view.warnings.isVisible()).isTrue();
        assertThat(leads.count(LeadFilter.all().withText("marsh hvac " + token))).isZero();
    }

    @Test
    void importingValidRowsOnlyStoresTheGoodOnesAndReportsTheBad() throws Exception {
        _click(view.check);
        _setValue(view.invalidRows, InvalidRows.IMPORT_VALID_ONLY);

        importAndWait();

        assertThat(view.result.getText()).isEqualTo("Imported: 4 new leads, 0 updated, 0 duplicates skipped,"
                + " 2 rows with errors skipped. 1 row has a value left empty (see the warnings).");
        assertThat(rows(view.warnings)).extracting(LineProblem::line).containsExactly(5L);
        assertThat(leads.count(LeadFilter.all().withText("marsh hvac " + token))).isEqualTo(1);
        assertThat(leads.count(LeadFilter.all().withText("okafor electric " + token))).isEqualTo(1);
        assertThat(leads.count(LeadFilter.all().withText("berg roofing " + token))).isEqualTo(1);
        assertThat(leads.count(LeadFilter.all().withText("ruiz plumbing " + token))).isZero();
        assertThat(leads.count(LeadFilter.all().withText("ng glass " + token))).isZero();
        assertThat(jdbc.sql("select count(*) from lead where company = :company and time_zone is null")
                .param("company", "Lam Solar " + token).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void importingNothingOnErrorsLeavesTheLeadsUntouched() throws Exception {
        int before = leads.count(LeadFilter.all());
        _click(view.check);
        _setValue(view.invalidRows, InvalidRows.IMPORT_NOTHING);

        importAndWait();

        assertThat(view.result.getText()).isEqualTo("Nothing was imported: 2 rows have errors (see the list above).");
        assertThat(leads.count(LeadFilter.all())).isEqualTo(before);
        assertThat(leads.count(LeadFilter.all().withText("marsh hvac " + token))).isZero();
    }

    @Test
    void choosingACampaignEnrollsTheImportedLeadsInIt() throws Exception {
        CampaignSummary chosen = firstCampaign();
        _setValue(view.campaign, chosen);
        _click(view.check);

        importAndWait();

        assertThat(view.result.getText()).isEqualTo("Imported: 4 new leads, 0 updated, 0 duplicates skipped,"
                + " 2 rows with errors skipped. 4 enrolled in the campaign's sequence."
                + " 1 row has a value left empty (see the warnings).");
        assertThat(jdbc.sql("select count(*) from enrollment e join lead l on l.id = e.lead_id"
                        + " where e.campaign_id = :campaign and e.status = 'COLD' and l.company like :company")
                .param("campaign", chosen.id()).param("company", "% " + token).query(Integer.class).single()).isEqualTo(4);
    }

    @Test
    void aSingleRowIsCountedInTheSingular() throws Exception {
        UploadKt._upload(view.upload, "one.csv", "text/csv", ("First Name,E-mail,Company\nBo,bo-at-ruiz,Ruiz " + token + "\n")
                .getBytes(StandardCharsets.UTF_8));
        _click(view.check);
        assertThat(view.checkSummary.getText()).isEqualTo("1 row: 0 valid, 1 with errors, 0 already exist as leads.");
        _setValue(view.invalidRows, InvalidRows.IMPORT_NOTHING);

        importAndWait();

        assertThat(view.result.getText()).isEqualTo("Nothing was imported: 1 row has errors (see the list above).");
    }

    /** The demo data's campaign, as the operator picks it from the combo box. */
    private CampaignSummary firstCampaign() {
        return view.campaign.getListDataView().getItems().findFirst().orElseThrow();
    }

    private void importAndWait() throws Exception {
        _click(view.importButton);
        view.running().get(30, TimeUnit.SECONDS);
        MockVaadin.clientRoundtrip(false);
    }

    private static List<LineProblem> rows(com.vaadin.flow.component.grid.Grid<LineProblem> grid) {
        return IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._get(grid, i)).toList();
    }
}
