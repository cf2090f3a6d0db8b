package dev.outreach.campaign;

/**
 * How a campaign takes leads in: whether a lead still running in another campaign (an enrollment
 * COLD or ACTIVE there) may be enrolled too, and the company rule (when one lead of a company
 * replies, the company's other enrollments in the campaign stop).
 */
public record EnrollmentPolicy(boolean allowActiveElsewhere, CompanyStop companyStop) {

    /** What makes two leads one company for the company rule. */
    public enum CompanyStop {
        OFF, EMAIL_DOMAIN, COMPANY_NAME
    }

    /** A new campaign's policy: leads active elsewhere are skipped, no company rule. */
    public static EnrollmentPolicy defaults() {
        return new EnrollmentPolicy(false, CompanyStop.OFF);
    }

    public EnrollmentPolicy {
        companyStop = companyStop == null ? CompanyStop.OFF : companyStop;
    }
}
