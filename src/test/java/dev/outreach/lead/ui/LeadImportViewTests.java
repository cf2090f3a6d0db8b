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

    /** Lines 3 and 5 are bad: an email without a domain and a time zone that is not IANA. */
    private static final String CSV = """
            First Name,Last Name,E-mail,Company,Job Title,Timezone,Trade
            Ivy,Marsh,ivy@marsh-hvac-%1$s.com,Marsh HVAC %1$s,Owner,America/Denver,HVAC
            Bo,Ruiz,bo-at-ruiz,Ruiz Plumbing %1$s,Owner,America/Chicago,Plumbing
            Cy,Okafor,cy@okafor-electric-%1$s.com,Okafor Electric %1$s,Office Manager,America/New_York,Electrical
            Di,Lam,di@lam-solar-%1$s.com,Lam Solar %1$s,CEO,Mars/Olympus,Solar
            Ed,Berg,ed@berg-roofing-%1$s.com,Berg Roofing %1$s,Owner,America/Phoenix,Roofing
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

        assertThat(view.checkSummary.getText()).isEqualTo("5 rows: 3 valid, 2 with errors, 0 already exist as leads.");
        List<LineProblem> problems = rows();
        assertThat(problems).extracting(LineProblem::line).containsExactly(3L, 5L);
        assertThat(problems.get(0).column()).isEqualTo("E-mail");
        assertThat(problems.get(0).message()).contains("'bo-at-ruiz' is not a valid email address");
        assertThat(problems.get(1).column()).isEqualTo("Timezone");
        assertThat(problems.get(1).message()).contains("'Mars/Olympus' is not an IANA time zone");
        assertThat(leads.count(LeadFilter.all().withText("marsh hvac " + token))).isZero();
    }

    @Test
    void importingValidRowsOnlyStoresTheGoodOnesAndReportsTheBad() throws Exception {
        _click(view.check);
        _setValue(view.invalidRows, InvalidRows.IMPORT_VALID_ONLY);

        importAndWait();

        assertThat(view.result.getText())
                .isEqualTo("Imported: 3 new leads, 0 updated, 0 duplicates skipped, 2 rows with errors skipped.");
        assertThat(leads.count(LeadFilter.all().withText("marsh hvac " + token))).isEqualTo(1);
        assertThat(leads.count(LeadFilter.all().withText("okafor electric " + token))).isEqualTo(1);
        assertThat(leads.count(LeadFilter.all().withText("berg roofing " + token))).isEqualTo(1);
        assertThat(leads.count(LeadFilter.all().withText("ruiz plumbing " + token))).isZero();
        assertThat(leads.count(LeadFilter.all().withText("lam solar " + token))).isZero();
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
    void tickingEnrollEnrollsTheImportedLeadsInTheChosenCampaign() throws Exception {
        assertThat(view.enroll.isEnabled()).isFalse();
        CampaignSummary chosen = firstCampaign();
        _setValue(view.campaign, chosen);
        assertThat(view.enroll.isEnabled()).isTrue();
        _setValue(view.enroll, true);
        _click(view.check);

        importAndWait();

        assertThat(view.result.getText()).isEqualTo("Imported: 3 new leads, 0 updated, 0 duplicates skipped,"
                + " 2 rows with errors skipped. 3 enrolled in the campaign's sequence.");
        assertThat(jdbc.sql("select count(*) from enrollment e join lead l on l.id = e.lead_id"
                        + " where e.campaign_id = :campaign and e.status = 'COLD' and l.company like :company")
                .param("campaign", chosen.id()).param("company", "% " + token).query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void enrollIsOffAndDisabledWithoutACampaign() {
        _setValue(view.campaign, firstCampaign());
        _setValue(view.enroll, true);

        _setValue(view.campaign, null);

        assertThat(view.enroll.isEnabled()).isFalse();
        assertThat(view.enroll.getValue()).isFalse();
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

    private List<LineProblem> rows() {
        return IntStream.range(0, GridKt._size(view.problems)).mapToObj(i -> GridKt._get(view.problems, i)).toList();
    }
}
