package dev.outreach.content;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The angles a lead has seen, as stored in {@code enrollment_content.angles_used}: a comma list of
 * {@code cycle:angle} entries ("1:industry_trends,2:competitor_insight"). The cycle tells the
 * later touches of a cycle which angle its first touch chose. A bare angle (no cycle) is read
 * as seen in an unknown earlier cycle. The introduction of cycle 0 is not recorded: it is not
 * one of the rotation's angles (and the column holds 100 characters).
 */
public record AnglesUsed(Map<Integer, Angle> byCycle) {

    public AnglesUsed {
        byCycle = Collections.unmodifiableMap(new LinkedHashMap<>(byCycle));
    }

    public static AnglesUsed parse(String stored) {
        Map<Integer, Angle> byCycle = new LinkedHashMap<>();
        if (stored != null) {
            int unknownCycle = -1;
            for (String entry : stored.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int colon = entry.indexOf(':');
                Integer cycle = colon < 0 ? Integer.valueOf(unknownCycle--) : parseCycle(entry.substring(0, colon));
                String code = colon < 0 ? entry : entry.substring(colon + 1);
                Optional<Angle> angle = Angle.fromCode(code);
                if (cycle != null && angle.isPresent()) {
                    byCycle.put(cycle, angle.get());
                }
            }
        }
        return new AnglesUsed(byCycle);
    }

    private static Integer parseCycle(String text) {
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException notACycle) {
            return null;
        }
    }

    public Optional<Angle> inCycle(int cycle) {
        return Optional.ofNullable(byCycle.get(cycle));
    }

    public boolean seen(Angle angle) {
        return byCycle.containsValue(angle);
    }

    public AnglesUsed with(int cycle, Angle angle) {
        Map<Integer, Angle> next = new LinkedHashMap<>(byCycle);
        next.put(cycle, angle);
        return new AnglesUsed(next);
    }

    /** The stored form. */
    public String format() {
        return byCycle.entrySet().stream().map(entry -> (entry.getKey() < 0 ? "" : entry.getKey() + ":")
                + entry.getValue().code()).collect(Collectors.joining(","));
    }
}
