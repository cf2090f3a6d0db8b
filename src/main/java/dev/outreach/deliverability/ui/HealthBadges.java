package dev.outreach.deliverability.ui;

import com.vaadin.flow.component.html.Span;
import dev.outreach.deliverability.EmailScore;

/** Lumo badges for reputation status, throttle and paused state. */
final class HealthBadges {

    private HealthBadges() {
    }

    static Span status(EmailScore.Status status) {
        return switch (status) {
            case HEALTHY -> badge("Healthy", "success");
            case WARNING -> badge("Warning", "warning");
            case CRITICAL -> badge("Critical", "error");
            case INSUFFICIENT_DATA -> badge("Insufficient data", "contrast");
        };
    }

    static Span throttle(EmailScore.Throttle throttle) {
        return switch (throttle) {
            case NONE -> badge("None", "contrast");
            case REDUCED -> badge("Reduced (half cap)", "warning");
            case PAUSED -> badge("Paused", "error");
        };
    }

    static Span state(boolean active, boolean pausedByHealth, String reason) {
        Span badge = active ? badge("Active", "success")
                : badge(pausedByHealth ? "Auto-paused" : "Paused", "error");
        if (reason != null) {
            badge.setTitle(reason);
        }
        return badge;
    }

    static Span badge(String text, String variant) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add("badge " + variant);
        return badge;
    }
}
