package dev.outreach.inbox;

import dev.outreach.cadence.EnrollmentPauses;
import dev.outreach.cadence.EnrollmentService;
import dev.outreach.cadence.RepliedSequences;
import dev.outreach.cadence.SequenceStops;
import dev.outreach.events.InboundReplies;
import dev.outreach.events.InboundReply;
import dev.outreach.events.UnsubscribeService;
import dev.outreach.lead.LeadCampaigns;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadOutcome;
import dev.outreach.lead.LeadService;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.NotFoundException;
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
 * What an operator does about a reply, each action audited ({@code inbox.*}, on the lead) and done
 * by the module that owns what it changes: the lead's outcome (lead), its sequence (cadence), its
 * unsubscribe (the one-click unsubscribe's path: suppression and lead UNSUBSCRIBED), a new lead
 * from a referral (lead creation with its duplicate check); assignment is {@link Inbox#assign}'s. Bad input is an
 * {@link InvalidInputException} naming the field, and changes nothing.
 */
@Service
@PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
public class InboxActions {

    /** The furthest ahead a snooze goes: past it, the lead is better removed or re-enrolled later. */
    static final int MAX_SNOOZE_DAYS = 366;

    private final LeadService leads;
    private final SequenceStops sequences;
    private final EnrollmentPauses pauses;
    private final RepliedSequences replied;
    private final EnrollmentService enrollments;
    private final LeadCampaigns campaigns;
    private final UnsubscribeService unsubscribes;
    private final InboundReplies replies;
    private final ReplyIntentStore intents;
    private final Inbox inbox;
    private final AuditLog auditLog;
    private final Clock clock;

    InboxActions(LeadService leads, SequenceStops sequences, EnrollmentPauses pauses, RepliedSequences replied,
            EnrollmentService enrollments,
            LeadCampaigns campaigns, UnsubscribeService unsubscribes, InboundReplies replies, ReplyIntentStore intents,
            Inbox inbox, AuditLog auditLog, Clock clock) {
        this.leads = leads;
        this.sequences = sequences;
        this.pauses = pauses;
        this.replied = replied;
        this.enrollments = enrollments;
        this.campaigns = campaigns;
        this.unsubscribes = unsubscribes;
        this.replies = replies;
        this.intents = intents;
        this.inbox = inbox;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /**
     * Sets the lead's outcome; every outcome also stops the lead's running sequence, as a reply
     * does (a lead who is interested, has a meeting or said no gets no more cold touches). Returns
     * how many enrollments it stopped.
     */
    @Transactional
    public int markOutcome(long leadId, LeadOutcome outcome) {
        if (outcome == null) {
            throw new InvalidInputException("outcome", "Choose an outcome");
        }
        lead(leadId);
        leads.setOutcome(leadId, outcome);
        int stopped = sequences.stopLead(leadId, "marked " + outcome.label().toLowerCase(java.util.Locale.ROOT));
        auditLog.record("inbox.outcome", "lead", leadId, null, outcome.name() + (stopped > 0
                ? ", " + dev.outreach.shared.Wording.count(stopped, "enrollment") + " stopped" : ""));
        return stopped;
    }

    /**
     * Pauses the lead's running sequence until the start of {@code until} where the lead is (its
     * time zone, else the engine's); the tick resumes it then. A sequence the lead's reply ended
     * ("not now, try me in March") is re-opened at its next touch, paused until then, unless the
     * lead may not be contacted again (refused on {@code until}, with the reason). Returns when that is.
     */
    @Transactional
    public Instant snooze(long leadId, LocalDate until) {
        if (until == null) {
            throw new InvalidInputException("until", "Choose the date the sequence resumes");
        }
        lead(leadId);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!until.isAfter(today)) {
            throw new InvalidInputException("until", "Choose a date after today");
        }
        if (until.isAfter(today.plusDays(MAX_SNOOZE_DAYS))) {
            throw new InvalidInputException("until", "At most a year ahead");
        }
        Snoozed snoozed = snoozeUntil(leadId, until, "from the inbox");
        if (snoozed.refusal().isPresent()) {
            throw new InvalidInputException("until", snoozed.refusal().get());
        }
        auditLog.record("inbox.snooze", "lead", leadId, null, "until " + until + " (" + snoozed.at() + ")"
                + (snoozed.reopened() > 0 ? ", after the lead's reply" : ""));
        return snoozed.at();
    }

    /** What a snooze did: until when, how many sequences a reply had ended it re-opened, or why it did nothing. */
    record Snoozed(Instant at, int reopened, int paused, Optional<String> refusal) {
    }

    /**
     * The snooze itself, for the operator's action and the automatic one: re-opens what the lead's
     * reply ended, then pauses the running enrollments until the start of {@code until} where the
     * lead is. Never throws for a lead it cannot snooze (the automatic action records why); on a
     * refusal nothing changed.
     */
    Snoozed snoozeUntil(long leadId, LocalDate until, String how) {
        Instant at = pauses.dayAfter(leadId, until.minusDays(1)).at();
        RepliedSequences.Reopening reopening = replied.reopen(leadId, at, "snoozed after a reply until " + until + " (" + how + ")");
        if (reopening.leadStopped().isPresent()) {
            return new Snoozed(at, 0, 0, Optional.of("Not snoozed: " + reopening.leadStopped().get()));
        }
        int paused = pauses.pauseLead(leadId, at, (reopening.reopened() > 0 ? "snoozed after a reply until " : "snoozed until ")
                + until + " (" + how + ")");
        return paused > 0 ? new Snoozed(at, reopening.reopened(), paused, Optional.empty())
                : new Snoozed(at, 0, 0, Optional.of(reopening.stayEnded().isEmpty()
                        ? "Nothing to snooze: the lead has no running sequence"
                        : "Not snoozed: " + String.join("; ", reopening.stayEnded())));
    }

    /**
     * Unsubscribes the lead who wrote the reply, the way the one-click link does (an UNSUBSCRIBED
     * event of the message it answers: the address suppressed, the lead UNSUBSCRIBED, its enrollment
     * flagged). Returns the address suppressed.
     */
    @Transactional
    public String unsubscribe(long replyId) {
        InboundReply reply = reply(replyId);
        String address = unsubscribe(reply, "Unsubscribed from the inbox by " + AuditLog.currentActor());
        auditLog.record("inbox.unsubscribe", "lead", reply.leadId(), null, address + " (reply #" + replyId + ")");
        return address;
    }

    /** Stops the lead's running sequence in every campaign; returns how many enrollments it stopped. */
    @Transactional
    public int stopSequence(long leadId) {
        lead(leadId);
        int stopped = sequences.stopLead(leadId, "stopped from the inbox");
        if (stopped == 0) {
            throw new InvalidInputException("sequence", "Nothing to stop: the lead has no running sequence");
        }
        auditLog.record("inbox.stop", "lead", leadId, null, dev.outreach.shared.Wording.count(stopped, "enrollment") + " stopped");
        return stopped;
    }

    /**
     * Resumes a sequence stopped or snoozed by hand, and re-opens one the lead's reply ended at its
     * next touch, due now (the tick keeps the follow-up delay and the send window), unless the lead
     * may not be contacted again (refused on {@code sequence}, with the reason). Returns how many
     * enrollments it resumed.
     */
    @Transactional
    public int resumeSequence(long leadId) {
        lead(leadId);
        RepliedSequences.Reopening reopening = replied.reopen(leadId, clock.instant(), "resumed after a reply from the inbox");
        if (reopening.leadStopped().isPresent()) {
            throw new InvalidInputException("sequence", "Not resumed: " + reopening.leadStopped().get());
        }
        int resumed = reopening.reopened() + sequences.resumeLead(leadId);
        if (resumed == 0) {
            throw new InvalidInputException("sequence", reopening.stayEnded().isEmpty()
                    ? "Nothing to resume: no sequence of the lead was stopped, snoozed or ended by a reply"
                    : "Not resumed: " + String.join("; ", reopening.stayEnded()));
        }
        auditLog.record("inbox.resume", "lead", leadId, null, dev.outreach.shared.Wording.count(resumed, "enrollment") + " resumed"
                + (reopening.reopened() > 0 ? ", " + reopening.reopened() + " after the lead's reply" : ""));
        return resumed;
    }

    /**
     * Takes the lead out of {@code fromCampaignId} (its waiting touches leave the outbox) and enrolls
     * it in {@code toCampaignId} at the first touch, by that campaign's rules; refused as a whole,
     * with the reason, when the campaign does not take the lead.
     */
    @Transactional
    public void moveToCampaign(long leadId, long fromCampaignId, long toCampaignId) {
        lead(leadId);
        if (fromCampaignId == toCampaignId) {
            throw new InvalidInputException("toCampaignId", "Choose another campaign than the lead's");
        }
        if (enrollments.remove(fromCampaignId, List.of(leadId)) == 0) {
            throw new InvalidInputException("fromCampaignId", "The lead is not in campaign #" + fromCampaignId);
        }
        EnrollmentService.Result result;
        try {
            result = enrollments.enroll(List.of(leadId), toCampaignId);
        } catch (InvalidInputException refused) {
            // the removal above rolls back with the refusal
            throw new InvalidInputException("toCampaignId", "Not moved: " + refused.errors().stream()
                    .map(error -> error.message().replaceFirst("^Not enrolled: ", ""))
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        auditLog.record("inbox.move", "lead", leadId, "campaign #" + fromCampaignId,
                "campaign #" + toCampaignId + " (" + result.summary() + ")");
    }

    /** The campaign the lead is in (its latest enrollment's), for "move to another campaign". */
    public Optional<Long> campaignOf(long leadId) {
        return campaigns.latestCampaign(leadId);
    }

    /**
     * A new lead, prefilled from the person the reply sends us to (the label's referral name and
     * address) and the company of the lead who wrote it; empty when the reply names nobody.
     */
    @Transactional(readOnly = true)
    public Optional<LeadDraft> referralDraft(long replyId) {
        InboundReply reply = reply(replyId);
        Optional<ReplyIntent> intent = intents.find(replyId).map(ReplyLabel::intent);
        if (intent.isEmpty() || (intent.get().referralEmail().isEmpty() && intent.get().referralName().isEmpty())) {
            return Optional.empty();
        }
        LeadDetails referrer = lead(reply.leadId());
        LeadDraft draft = new LeadDraft();
        intent.get().referralName().ifPresent(name -> {
            String written = name.strip();
            int space = written.lastIndexOf(' ');
            draft.setFirstName(space < 0 ? written : written.substring(0, space).strip());
            draft.setLastName(space < 0 ? null : written.substring(space + 1));
        });
        intent.get().referralEmail().ifPresent(draft::setEmail);
        draft.setCompany(referrer.fields().getCompany());
        draft.setIndustry(referrer.fields().getIndustry());
        draft.setWebsite(referrer.fields().getWebsite());
        draft.setTimeZone(referrer.fields().getTimeZone());
        draft.setSource("REFERRAL");
        draft.setNotes("Referred by " + referrer.displayName() + " (lead #" + referrer.id() + ") in reply #" + replyId);
        return Optional.of(draft);
    }

    /**
     * Creates the lead the reply refers us to, validated and de-duplicated as every new lead is: a
     * lead with the same address or LinkedIn profile is refused with its name and id. Returns the new lead's id.
     */
    @Transactional
    public long createReferralLead(long replyId, LeadDraft draft) {
        InboundReply reply = reply(replyId);
        if (draft == null) {
            throw new InvalidInputException("email", "Give the referral's details");
        }
        long created = leads.create(draft);
        auditLog.record("inbox.referral", "lead", reply.leadId(), null, "lead #" + created + " created from reply #" + replyId);
        return created;
    }

    /** The one-click unsubscribe's path for the message the reply answers; returns the address. */
    String unsubscribe(InboundReply reply, String how) {
        return unsubscribes.unsubscribe(reply.messageId(), how)
                .orElseThrow(() -> new InvalidInputException("replyId", "The message this reply answers has no lead with an address"));
    }

    /**
     * Assigns the lead to its campaign's owner, for the automatic action, through {@link Inbox#assign}
     * (which audits it); an owner who is no enabled user (a campaign the system created) is said, not
     * refused, so that the sequence is still stopped. What it did, in words.
     */
    String assignToOwner(long leadId, Optional<String> owner) {
        if (owner.isEmpty()) {
            return "not assigned: the lead's campaign has no owner";
        }
        if (!inbox.assignees().contains(owner.get())) {
            return "not assigned: the campaign's owner " + owner.get() + " is not an enabled user";
        }
        inbox.assign(leadId, owner.get());
        return "assigned to " + owner.get();
    }

    private InboundReply reply(long replyId) {
        return replies.find(replyId).orElseThrow(() -> new InvalidInputException("replyId", "No reply with id " + replyId));
    }

    private LeadDetails lead(long leadId) {
        return leads.find(leadId).orElseThrow(() -> new NotFoundException("No lead with id " + leadId));
    }
}
