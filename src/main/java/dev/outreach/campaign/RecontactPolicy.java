package dev.outreach.campaign;

/** How often a campaign starts a new cycle with leads who never answered, and after how many days. */
public record RecontactPolicy(int maxCycles, int cooldownDays) {
}
