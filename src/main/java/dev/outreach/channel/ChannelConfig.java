package dev.outreach.channel;

import dev.outreach.shared.ChannelType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of {@code channel_config}: one channel's settings. JSON columns hold maps. */
@Entity
@Table(name = "channel_config")
class ChannelConfig {

    @Id
    @Enumerated(EnumType.STRING)
    private ChannelType channel;
    @Column(nullable = false)
    private boolean enabled;
    @Column(name = "max_per_hour", nullable = false)
    private int maxPerHour;
    @Column(name = "max_per_day", nullable = false)
    private int maxPerDay;
    @Column(name = "max_per_lead", nullable = false)
    private int maxPerLead;
    @Column(name = "max_retries", nullable = false)
    private int maxRetries;
    /** Comma-separated hours, one per retry: "24,48". */
    @Column(name = "retry_backoff_hours", nullable = false)
    private String retryBackoffHours;
    @Column(nullable = false)
    private String templates;
    @Column(nullable = false)
    private String settings;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "updated_by")
    private String updatedBy;

    protected ChannelConfig() {
    }

    ChannelType getChannel() {
        return channel;
    }

    boolean isEnabled() {
        return enabled;
    }

    int getMaxPerHour() {
        return maxPerHour;
    }

    int getMaxPerDay() {
        return maxPerDay;
    }

    int getMaxPerLead() {
        return maxPerLead;
    }

    int getMaxRetries() {
        return maxRetries;
    }

    String getRetryBackoffHours() {
        return retryBackoffHours;
    }

    String getTemplates() {
        return templates;
    }

    String getSettings() {
        return settings;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }

    String getUpdatedBy() {
        return updatedBy;
    }

    void update(boolean enabled, int maxPerHour, int maxPerDay, int maxPerLead, int maxRetries,
            String retryBackoffHours, String templates, String settings, Instant now, String actor) {
        this.enabled = enabled;
        this.maxPerHour = maxPerHour;
        this.maxPerDay = maxPerDay;
        this.maxPerLead = maxPerLead;
        this.maxRetries = maxRetries;
        this.retryBackoffHours = retryBackoffHours;
        this.templates = templates;
        this.settings = settings;
        this.updatedAt = now;
        this.updatedBy = actor;
    }
}
