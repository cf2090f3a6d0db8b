package dev.outreach.lead;

/** Lead grade from A (best fit) to D, computed by {@link LeadGradeService}. */
public enum Grade {
    A, B, C, D
}
