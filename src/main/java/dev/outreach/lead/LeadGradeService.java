package dev.outreach.lead;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * LeadGradeService: a rule-based grade from configurable signals.
 *
 * <p>Points: target industry 30; decision-maker title 30 (manager-level 15); contact points
 * email 15, LinkedIn 10, phone 5, website or contact form 5; company with at least
 * {@code min-employees} 10, with at least {@code min-annual-revenue} 10 (out of 115).
 * Grade A from 80, B from 60, C from 40, otherwise D. Each signal that scored is a reason.
 */
@Service
public class LeadGradeService {

    static final int A_FROM = 80;
    static final int B_FROM = 60;
    static final int C_FROM = 40;

    private final GradingProperties properties;
    private final List<Pattern> seniorTitles;
    private final List<Pattern> managerTitles;

    LeadGradeService(GradingProperties properties) {
        this.properties = properties;
        this.seniorTitles = wordPatterns(properties.seniorTitleKeywords());
        this.managerTitles = wordPatterns(properties.managerTitleKeywords());
    }

    private static List<Pattern> wordPatterns(List<String> keywords) {
        return keywords.stream()
                .map(k -> Pattern.compile("\\b" + Pattern.quote(k.toLowerCase(Locale.ROOT)) + "\\b"))
                .toList();
    }

    public GradeResult grade(LeadDraft lead) {
        List<String> reasons = new ArrayList<>();
        int score = 0;
        score += industry(lead, reasons);
        score += title(lead, reasons);
        score += contactPoints(lead, reasons);
        score += companyData(lead, reasons);
        Grade grade = score >= A_FROM ? Grade.A : score >= B_FROM ? Grade.B : score >= C_FROM ? Grade.C : Grade.D;
        reasons.add("Total " + score + " points: " + grade + " (A from " + A_FROM + ", B from " + B_FROM
                + ", C from " + C_FROM + ")");
        return new GradeResult(grade, score, List.copyOf(reasons));
    }

    private int industry(LeadDraft lead, List<String> reasons) {
        if (lead.getIndustry() == null) {
            reasons.add("+0 no industry given");
            return 0;
        }
        boolean target = properties.targetIndustries().stream()
                .anyMatch(t -> t.equalsIgnoreCase(lead.getIndustry().strip()));
        reasons.add(target ? "+30 target industry (" + lead.getIndustry() + ")"
                : "+0 industry " + lead.getIndustry() + " is not a target");
        return target ? 30 : 0;
    }

    private int title(LeadDraft lead, List<String> reasons) {
        String title = lead.getTitle() == null ? "" : lead.getTitle().toLowerCase(Locale.ROOT);
        if (matches(title, seniorTitles)) {
            reasons.add("+30 decision-maker title (" + lead.getTitle() + ")");
            return 30;
        }
        if (matches(title, managerTitles)) {
            reasons.add("+15 manager-level title (" + lead.getTitle() + ")");
            return 15;
        }
        reasons.add(title.isEmpty() ? "+0 no title given" : "+0 title " + lead.getTitle() + " is not senior");
        return 0;
    }

    private static boolean matches(String title, List<Pattern> patterns) {
        return patterns.stream().anyMatch(p -> p.matcher(title).find());
    }

    private int contactPoints(LeadDraft lead, List<String> reasons) {
        int points = 0;
        List<String> found = new ArrayList<>();
        if (lead.getEmail() != null) {
            points += 15;
            found.add("email +15");
        }
        if (lead.getLinkedin() != null) {
            points += 10;
            found.add("LinkedIn +10");
        }
        if (lead.getPhone() != null) {
            points += 5;
            found.add("phone +5");
        }
        if (lead.getWebsite() != null || lead.getContactFormUrl() != null) {
            points += 5;
            found.add("website +5");
        }
        reasons.add(found.isEmpty() ? "+0 no contact points"
                : "+" + points + " contact points (" + String.join(", ", found) + ")");
        return points;
    }

    private int companyData(LeadDraft lead, List<String> reasons) {
        int points = 0;
        if (lead.getEmployeeCount() != null && lead.getEmployeeCount() >= properties.minEmployees()) {
            points += 10;
            reasons.add("+10 company has " + lead.getEmployeeCount() + " employees (at least " + properties.minEmployees() + ")");
        }
        if (lead.getAnnualRevenue() != null && lead.getAnnualRevenue() >= properties.minAnnualRevenue()) {
            points += 10;
            reasons.add("+10 annual revenue $" + String.format(Locale.US, "%,d", lead.getAnnualRevenue())
                    + " (at least $" + String.format(Locale.US, "%,d", properties.minAnnualRevenue()) + ")");
        }
        if (points == 0) {
            reasons.add("+0 company size and revenue unknown or below the thresholds");
        }
        return points;
    }
}
