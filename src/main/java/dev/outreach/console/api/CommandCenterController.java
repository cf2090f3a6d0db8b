package dev.outreach.console.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.outreach.cadence.TickPreview;
import dev.outreach.console.CommandCenter;
import dev.outreach.outreach.ChannelMetrics;
import dev.outreach.outreach.WaitingMessages;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The command center as JSON, with the reference's {@code recontact_stats}. */
@RestController
class CommandCenterController {

    private final CommandCenter commandCenter;

    CommandCenterController(CommandCenter commandCenter) {
        this.commandCenter = commandCenter;
    }

    record RecontactStatsJson(@JsonProperty("total_eligible") long totalEligible,
            @JsonProperty("total_recycled_30d") long totalRecycled30d,
            @JsonProperty("cycle_distribution") Map<Integer, Long> cycleDistribution) {
    }

    record CommandCenterJson(ChannelMetrics today, @JsonProperty("last_7_days") ChannelMetrics week,
            @JsonProperty("domain_health") List<CommandCenter.DomainSummary> domainHealth,
            @JsonProperty("no_healthy_mailbox") boolean noHealthyMailbox,
            @JsonProperty("recontact_stats") RecontactStatsJson recontactStats,
            @JsonProperty("due_today") long dueToday,
            @JsonProperty("waiting") List<WaitingMessages.Reason> waiting,
            @JsonProperty("next_tick") TickPreview.Preview nextTick) {
    }

    @Operation(summary = "Command center: today and 7 days per channel, domain health, re-contact stats, due today, waiting messages")
    @GetMapping({"/api/v1/command-center", "/command-center.json"})
    CommandCenterJson commandCenter() {
        CommandCenter.Snapshot s = commandCenter.snapshot();
        return new CommandCenterJson(s.today(), s.week(), s.domains(), s.noHealthyMailbox(),
                new RecontactStatsJson(s.recontactStats().totalEligible(), s.recontactStats().totalRecycled30d(),
                        s.recontactStats().cycleDistribution()),
                s.dueToday(), s.waiting(), s.nextTick());
    }
}
