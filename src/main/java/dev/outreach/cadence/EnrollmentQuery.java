package dev.outreach.cadence;

import dev.outreach.shared.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** Which of a campaign's enrollments to list: every one, or one status (an {@link EnrollmentStatus} name or PAUSED). */
public record EnrollmentQuery(String status) {

    public static final String PAUSED = "PAUSED";

    public EnrollmentQuery {
        if (status != null && status.isBlank()) {
            status = null;
        }
        if (status != null) {
            status = status.strip().toUpperCase(Locale.ROOT);
            String named = status;
            if (!named.equals(PAUSED) && Arrays.stream(EnrollmentStatus.values()).noneMatch(s -> s.name().equals(named))) {
                throw new InvalidInputException("status", "Unknown status '" + status
                        + "': COLD, ACTIVE, CONTACTED, REPLIED, STOPPED or PAUSED");
            }
        }
    }

    public static EnrollmentQuery all() {
        return new EnrollmentQuery(null);
    }
}
