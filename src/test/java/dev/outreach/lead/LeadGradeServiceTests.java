package dev.outreach.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeadGradeServiceTests {

    private final LeadGradeService grader = new LeadGradeService(new GradingProperties(
            List.of("HVAC", "Plumbing"), List.of("owner", "ceo"), List.of("manager"), 10, 1_000_000));

    @Test
    void anOwnerOfATargetCompanyWithEmailAndLinkedinIsGradeA() {
        LeadDraft lead = lead("HVAC", "Owner & Operator");
        lead.setEmail("a@b.com");
        lead.setLinkedin("jane-doe");

        GradeResult result = grader.grade(lead);

        assertThat(result.grade()).isEqualTo(Grade.A);
        assertThat(result.score()).isEqualTo(85);
        assertThat(result.reasons()).contains("+30 target industry (HVAC)", "+30 decision-maker title (Owner & Operator)",
                "+25 contact points (email +15, LinkedIn +10)");
    }

    @Test
    void titleKeywordsMatchWholeWordsOnly() {
        LeadDraft lead = lead("Plumbing", "Ceofix specialist");
        lead.setEmail("a@b.com");

        GradeResult result = grader.grade(lead);

        assertThat(result.reasons()).contains("+0 title Ceofix specialist is not senior");
        assertThat(result.grade()).isEqualTo(Grade.C);
    }

    @Test
    void companyDataRaisesTheGradeAndIsExplained() {
        LeadDraft lead = lead("Roofing", "Office Manager");
        lead.setPhone("+1 555 123 4567");
        lead.setEmployeeCount(25);
        lead.setAnnualRevenue(2_500_000L);

        GradeResult result = grader.grade(lead);

        assertThat(result.score()).isEqualTo(15 + 5 + 10 + 10);
        assertThat(result.grade()).isEqualTo(Grade.C);
        assertThat(result.reasons()).contains("+10 company has 25 employees (at least 10)",
                "+10 annual revenue $2,500,000 (at least $1,000,000)", "+0 industry Roofing is not a target");
    }

    @Test
    void aLeadWithNothingKnownIsGradeD() {
        GradeResult result = grader.grade(new LeadDraft());

        assertThat(result.grade()).isEqualTo(Grade.D);
        assertThat(result.reasons()).contains("+0 no industry given", "+0 no contact points");
    }

    private static LeadDraft lead(String industry, String title) {
        LeadDraft lead = new LeadDraft();
        lead.setIndustry(industry);
        lead.setTitle(title);
        return lead;
    }
}
