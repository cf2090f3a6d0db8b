package dev.outreach.lead;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The signals {@link LeadGradeService} scores, under {@code outreach.grading}. */
@ConfigurationProperties("outreach.grading")
public record GradingProperties(
        @DefaultValue({"HVAC", "Plumbing", "Roofing", "Electrical", "Solar"}) List<String> targetIndustries,
        @DefaultValue({"owner", "founder", "ceo", "president", "principal", "partner"}) List<String> seniorTitleKeywords,
        @DefaultValue({"vp", "vice president", "director", "general manager", "head of", "manager"}) List<String> managerTitleKeywords,
        @DefaultValue("10") int minEmployees,
        @DefaultValue("1000000") long minAnnualRevenue) {
}
