package dev.outreach.content;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a cycle's messages talk about (outreach-scaling.md 4e). Re-contact cycles 1 to 4 rotate
 * through the four angles; cycle 0, the first contact, uses {@link #INTRODUCTION}, which is not
 * part of the rotation, so the four angles stay fresh for the four re-contact cycles the default
 * {@code max_recontact_cycles} allows.
 */
public enum Angle {
    INTRODUCTION(0, "introduction", "Introduction"),
    INDUSTRY_TRENDS(1, "industry_trends", "Industry trends"),
    COMPETITOR_INSIGHT(2, "competitor_insight", "Competitor insight"),
    SEASONAL_OPPORTUNITY(3, "seasonal_opportunity", "Seasonal opportunity"),
    CASE_STUDY(4, "case_study", "Case study");

    /** The angles re-contact cycles rotate through, in cycle order. */
    public static final List<Angle> ROTATION = List.of(INDUSTRY_TRENDS, COMPETITOR_INSIGHT, SEASONAL_OPPORTUNITY, CASE_STUDY);

    private final int cycle;
    private final String code;
    private final String label;

    Angle(int cycle, String code, String label) {
        this.cycle = cycle;
        this.code = code;
        this.label = label;
    }

    /** The cycle this angle is suggested for (0 for the introduction). */
    public int cycle() {
        return cycle;
    }

    /** The stored form (message_template.angle, enrollment_content.angles_used). */
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<Angle> fromCode(String code) {
        return Arrays.stream(values()).filter(angle -> angle.code.equalsIgnoreCase(code.strip())).findFirst();
    }
}
