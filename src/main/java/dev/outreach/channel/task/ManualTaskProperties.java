package dev.outreach.channel.task;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the manual task queue, under {@code outreach.manual-tasks}. How often overdue
 * tasks are looked for is {@code outreach.manual-tasks.expiry-check} (PT5M or 5m style, default
 * 5 minutes), read by the scheduler directly.
 *
 * @param deadline how long a task may stay open; after that it counts as failed
 */
@ConfigurationProperties("outreach.manual-tasks")
public record ManualTaskProperties(@DefaultValue("72h") Duration deadline) {
}
