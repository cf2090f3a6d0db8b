package dev.outreach.outreach.api;

import dev.outreach.outreach.ChannelMetrics;
import dev.outreach.outreach.MessageHistory;
import dev.outreach.outreach.OutreachService;
import dev.outreach.outreach.SequenceResult;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operator API's outreach functions over REST; every rule lives in {@link OutreachService}. */
@RestController
@RequestMapping("/api/v1")
class OutreachApiController {

    private final OutreachService outreach;

    OutreachApiController(OutreachService outreach) {
        this.outreach = outreach;
    }

    record SendRequest(long leadId, String subject, String body) {
    }

    /** send_outreach_message: runs the lead's sequence now and returns every attempt. */
    @PostMapping("/outreach/messages")
    SequenceResult send(@RequestBody SendRequest request) {
        return outreach.sendOutreachMessage(request.leadId(), request.subject(), request.body());
    }

    /** get_outreach_history: the lead's messages, newest first, with their attempts. */
    @GetMapping("/leads/{leadId}/outreach-history")
    List<MessageHistory> history(@PathVariable long leadId, @RequestParam(defaultValue = "10") int limit) {
        return outreach.outreachHistory(leadId, limit);
    }

    /** get_channel_metrics: delivery, reply and bounce rates per channel, fallback rate and distribution. */
    @GetMapping("/metrics/channels")
    ChannelMetrics metrics(@RequestParam(required = false) Long campaignId, @RequestParam(defaultValue = "7") int days) {
        return outreach.channelMetrics(campaignId, days);
    }
}
