package dev.outreach.inbox;

import dev.outreach.cadence.EnrollmentPauses;
import dev.outreach.cadence.SequenceStops;
import dev.outreach.campaign.CampaignDetails;
import dev.outreach.campaign.CampaignService;
import dev.outreach.events.ImapProperties;
import dev.outreach.events.InboundReplies;
import dev.outreach.events.InboundReply;
import dev.outreach.lead.LeadCampaigns;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The automatic action per label, which admins configure: taken once per reply when the machine
 * labels it ({@link ReplyLabelled}: the rules, or the model for what they left open), never on a
 * label left open nor on a person's. The one place where an out-of-office snoozes
 * the lead: to the start of the day after the label's date where the lead is, else for
 * {@code outreach.imap.out-of-office-pause} after the answer arrived. Each action is audited as
 * {@code inbox.automatic} by the system, with what it did; {@code reply_automation} keeps it per reply.
 */
@Service
public class InboxAutomation {

    private final InboxAutomationStore store;
    private final InboxActions actions;
    private final InboundReplies replies;
    private final EnrollmentPauses pauses;
    private final SequenceStops sequences;
    private final LeadCampaigns campaigns;
    private final CampaignService campaignService;
    private final ImapProperties imap;
    private final AuditLog auditLog;
    private final Clock clock;

    InboxAutomation(InboxAutomationStore store, InboxActions actions, InboundReplies replies, EnrollmentPauses pauses,
            SequenceStops sequences, LeadCampaigns campaigns, CampaignService campaignService, ImapProperties imap,
            AuditLog auditLog, Clock clock) {
        this.store = store;
        this.actions = actions;
        this.replies = replies;
        this.pauses = pauses;
        this.sequences = sequences;
        this.campaigns = campaigns;
        this.campaignService = campaignService;
        this.imap = imap;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** The action for every label, in the labels' order. */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Transactional(readOnly = true)
    public List<AutomationRule> rules() {
        return store.rules();
    }

    /** Sets the action for a label (admins); audited with the rule before and after. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public AutomationRule update(IntentLabel label, AutomaticAction action, boolean enabled) {
        if (label == null) {
            throw new InvalidInputException("label", "Choose a label");
        }
        if (action == null) {
            throw new InvalidInputException("action", "Choose an action for " + label);
        }
        Optional<AutomationRule> before = store.rule(label);
        store.update(label, action, enabled, AuditLog.currentActor(), clock.instant());
        auditLog.record("inbox.automation", "inbox_automation", label.name(),
                before.map(InboxAutomation::describe).orElse(null), describe(store.rule(label).orElseThrow()));
        return store.rule(label).orElseThrow();
    }

    /** What was done automatically about the reply; empty when nothing was. */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Transactional(readOnly = true)
    public Optional<AppliedAutomation> appliedTo(long replyId) {
        return store.applied(replyId);
    }

    /**
     * The label's action for the reply, once: the claim in {@code reply_automation} commits with
     * the action, so a second run (the registry's after a crash, or a label reported twice) does nothing.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    @Transactional
    public Optional<AppliedAutomation> apply(ReplyLabelled labelled) {
        ReplyIntent intent = labelled.intent();
        if (intent.confidence() <= ReplyIntent.LOW_CONFIDENCE || intent.source() == IntentSource.PERSON) {
            // left open, nothing is done on a guess; a person's label is theirs to act on
            return Optional.empty();
        }
        Optional<AutomationRule> rule = store.rule(intent.label()).filter(AutomationRule::acts);
        Optional<InboundReply> reply = replies.find(labelled.replyId());
        if (rule.isEmpty() || reply.isEmpty()
                || !store.claim(labelled.replyId(), labelled.leadId(), intent.label(), rule.get().action(), clock.instant())) {
            return Optional.empty();
        }
        String cause = "reply #" + labelled.replyId() + " labelled " + intent.label();
        String outcome = switch (rule.get().action()) {
            case NONE -> "nothing";
            case UNSUBSCRIBE -> "unsubscribed " + actions.unsubscribe(reply.get(), "Unsubscribed automatically: " + cause);
            case SNOOZE -> snooze(reply.get(), intent, cause);
            case SNOOZE_UNTIL_DATE -> snoozeUntilDate(reply.get(), intent, cause);
            case STOP_SEQUENCE -> stop(labelled.leadId(), cause);
            case STOP_AND_ASSIGN_OWNER -> stop(labelled.leadId(), cause) + "; "
                    + actions.assignToOwner(labelled.leadId(), owner(labelled.leadId()));
        };
        store.outcome(labelled.replyId(), outcome);
        auditLog.record("inbox.automatic", "lead", labelled.leadId(), null,
                "automatic: " + rule.get().action().label().toLowerCase(java.util.Locale.ROOT) + " (" + cause + "): " + outcome);
        return store.applied(labelled.replyId());
    }

    private String snooze(InboundReply reply, ReplyIntent intent, String cause) {
        Optional<EnrollmentPauses.PauseEnd> end = intent.date().map(day -> pauses.dayAfter(reply.leadId(), day));
        Instant until = end.map(EnrollmentPauses.PauseEnd::at).orElse(reply.receivedAt().plus(imap.outOfOfficePause()));
        String when = end.map(e -> e.day() + " 00:00 " + e.zone()).orElse(until.toString());
        String why = intent.date().map(d -> "back " + d).orElse("no date given") + ", " + cause;
        int paused = pauses.pauseLead(reply.leadId(), until, "snoozed until " + when + " (" + why + ")");
        return paused == 0 ? "nothing to snooze: no running sequence" : "enrollment paused until " + when;
    }

    /**
     * Until the day the reply names ("not now, try me in March": 1 March), re-opening the sequence
     * the reply ended; nothing without a date, nor for a date that is not ahead.
     */
    private String snoozeUntilDate(InboundReply reply, ReplyIntent intent, String cause) {
        if (intent.date().isEmpty()) {
            return "nothing: the reply names no date";
        }
        LocalDate until = intent.date().get();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!until.isAfter(today) || until.isAfter(today.plusDays(InboxActions.MAX_SNOOZE_DAYS))) {
            return "nothing: " + until + " is not between tomorrow and a year ahead";
        }
        InboxActions.Snoozed snoozed = actions.snoozeUntil(reply.leadId(), until, "automatic: " + cause);
        return snoozed.refusal().orElseGet(() -> "enrollment " + (snoozed.reopened() > 0 ? "re-opened after the reply and " : "")
                + "paused until " + until + " 00:00 " + pauses.dayAfter(reply.leadId(), until.minusDays(1)).zone());
    }

    private String stop(long leadId, String cause) {
        int stopped = sequences.stopLead(leadId, "automatic: " + cause);
        return stopped == 0 ? "no running sequence to stop" : dev.outreach.shared.Wording.count(stopped, "enrollment") + " stopped";
    }

    private Optional<String> owner(long leadId) {
        return campaigns.latestCampaign(leadId).flatMap(campaignService::find).map(CampaignDetails::owner)
                .filter(owner -> !owner.isBlank());
    }

    private static String describe(AutomationRule rule) {
        return rule.action() + (rule.enabled() ? "" : " (off)");
    }
}
