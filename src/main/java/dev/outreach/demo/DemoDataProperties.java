package dev.outreach.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outreach.demo-data} turns seeding on; {@code outreach.demo-leads} sets how many leads and
 * {@code outreach.demo-messages} how many first touches are queued for the sandbox at once, and
 * {@code outreach.demo-enrollments} how many further leads are enrolled in the demo campaign.
 */
@ConfigurationProperties("outreach")
record DemoDataProperties(@DefaultValue("false") boolean demoData, @DefaultValue("2400") int demoLeads,
        @DefaultValue("240") int demoMessages, @DefaultValue("600") int demoEnrollments) {
}
