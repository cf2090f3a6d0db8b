package dev.outreach.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code outreach.demo-data} turns seeding on; {@code outreach.demo-leads} sets how many leads and
 * {@code outreach.demo-messages} how many first touches are queued for the sandbox.
 */
@ConfigurationProperties("outreach")
record DemoDataProperties(@DefaultValue("false") boolean demoData, @DefaultValue("2400") int demoLeads,
        @DefaultValue("240") int demoMessages) {
}
