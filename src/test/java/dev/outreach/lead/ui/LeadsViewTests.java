package dev.outreach.lead.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import dev.outreach.lead.Grade;
import dev.outreach.lead.LeadRow;
import dev.outreach.security.Role;
import dev.outreach.support.KaribuTest;
import dev.outreach.support.Notifications;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeadsViewTests extends KaribuTest {

    private LeadsView view;

    @BeforeEach
    void openLeadsAsOperator() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(LeadsView.class);
        view = _get(LeadsView.class);
    }

    @Test
    void operatorSeesTheDemoLeadsInTheGrid() {
        int rows = GridKt._size(view.grid);

        assertThat(rows).isGreaterThanOrEqualTo(300);
        assertThat(view.count.getText()).isEqualTo(String.format("%,d leads", rows));
        LeadRow first = GridKt._get(view.grid, 0);
        assertThat(first.name()).isNotBlank();
        assertThat(first.company()).isNotBlank();
    }

    @Test
    void filteringByGradeNarrowsTheGrid() {
        int all = GridKt._size(view.grid);

        _setValue(view.grade, Grade.A);

        int gradeA = GridKt._size(view.grid);
        assertThat(gradeA).isPositive().isLessThan(all);
        IntStream.range(0, Math.min(gradeA, 20))
                .forEach(i -> assertThat(GridKt._get(view.grid, i).grade()).isEqualTo(Grade.A));
        assertThat(view.count.getText()).isEqualTo(String.format("%,d leads", gradeA));
    }

    @Test
    void searchingByCompanyFindsOnlyMatchingLeads() {
        String company = GridKt._get(view.grid, 0).company();

        _setValue(view.search, company.toUpperCase());

        int matches = GridKt._size(view.grid);
        assertThat(matches).isPositive();
        IntStream.range(0, Math.min(matches, 20))
                .forEach(i -> assertThat(GridKt._get(view.grid, i).company()).isEqualToIgnoringCase(company));
    }

    @Test
    void leadFormRejectsABadEmailWithAVisibleMessage() {
        int before = GridKt._size(view.grid);
        _click(_get(Button.class, spec -> spec.withText("New lead")));
        LeadForm form = _get(LeadForm.class);
        _setValue(form.firstName, "Dana");
        _setValue(form.company, "Dana's Plumbing");
        _setValue(form.email, "dana.at.plumbing");

        _click(form.save);

        assertThat(form.isOpened()).isTrue();
        assertThat(form.email.isInvalid()).isTrue();
        assertThat(form.email.getErrorMessage()).isEqualTo("'dana.at.plumbing' is not a valid email address");
        assertThat(Notifications.texts()).anyMatch(text -> text.contains("not a valid email address"));
        assertThat(GridKt._size(view.grid)).isEqualTo(before);
    }

    @Test
    void leadFormRefusesADuplicateEmailNamingTheExistingLead() {
        LeadRow existing = GridKt._get(view.grid, 0);
        _click(_get(Button.class, spec -> spec.withText("New lead")));
        LeadForm form = _get(LeadForm.class);
        _setValue(form.lastName, "Copy");
        _setValue(form.email, existing.email().toUpperCase());

        _click(form.save);

        assertThat(form.isOpened()).isTrue();
        assertThat(form.email.isInvalid()).isTrue();
        assertThat(form.email.getErrorMessage())
                .startsWith("A lead with this email already exists: " + existing.name())
                .endsWith("(#" + existing.id() + ")");
    }

    @Test
    void aValidNewLeadIsSavedGradedAndCounted() {
        int before = GridKt._size(view.grid);
        _click(_get(Button.class, spec -> spec.withText("New lead")));
        LeadForm form = _get(LeadForm.class);
        _setValue(form.firstName, "Rosa");
        _setValue(form.lastName, "Delgado");
        _setValue(form.company, "Delgado Roofing");
        _setValue(form.title, "Owner");
        _setValue(form.industry, "Roofing");
        _setValue(form.email, "rosa@delgado-roofing.com");
        _setValue(form.linkedin, "https://www.linkedin.com/in/rosa-delgado");

        _click(form.save);

        assertThat(form.isOpened()).isFalse();
        assertThat(GridKt._size(view.grid)).isEqualTo(before + 1);
        _setValue(view.search, "delgado roofing");
        assertThat(GridKt._size(view.grid)).isEqualTo(1);
        assertThat(GridKt._get(view.grid, 0).grade()).isEqualTo(Grade.A);
    }

    @Test
    void theCsvExportHoldsExactlyTheLeadsOfTheCurrentFilter() throws Exception {
        Anchor export = _get(Anchor.class, spec -> spec.withId("export-csv"));
        assertThat(export.getHref()).isNotBlank();
        assertThat(export.getElement().hasAttribute("download")).isTrue();
        _setValue(view.grade, Grade.B);
        int gradeB = GridKt._size(view.grid);

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        view.writeExport(out);

        var rows = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(out.toString(java.nio.charset.StandardCharsets.UTF_8))).getRecords();
        assertThat(rows).hasSize(gradeB).allMatch(row -> row.get("Grade").equals("B"));
    }

    @Test
    void theExcelChoiceExportsWithAByteOrderMark() throws Exception {
        _setValue(view.exportEncoding, dev.outreach.lead.CsvEncoding.UTF_8_WITH_BOM);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        view.writeExport(out);

        assertThat(view.exportEncoding.getValue().label()).isEqualTo("UTF-8 with BOM (for Excel)");
        assertThat(java.util.Arrays.copyOf(out.toByteArray(), 5)).containsExactly(0xEF, 0xBB, 0xBF, 'I', 'd');
    }
}
