package dev.outreach.campaign;

import dev.outreach.channel.TemplateNames;
import dev.outreach.shared.AuditLog;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaigns and their lifecycle: DRAFT -> (start) ACTIVE <-> (pause/resume) PAUSED -> ...
 * COMPLETED (all enrollments finished, no re-contact due) or ARCHIVED (hidden). Operators and
 * admins create, change, start, pause, resume and clone; archiving and changing a campaign's
 * senders or limits is for admins. Every change is audited in its transaction.
 */
@Service
public class CampaignService {

    private static final Set<CampaignStatus> RUNNING = Set.of(CampaignStatus.ACTIVE, CampaignStatus.PAUSED);

    private final CampaignStore store;
    private final SequenceService sequences;
    private final EngineSettingsService engine;
    private final ObjectProvider<TemplateNames> templateNames;
    private final ObjectProvider<SenderAvailability> senderAvailability;
    private final ObjectProvider<CampaignEnrollmentCounts> enrollments;
    private final CampaignEnrollmentPolicies enrollmentPolicies;
    private final ApplicationEventPublisher events;
    private final AuditLog auditLog;
    private final Clock clock;

    CampaignService(CampaignStore store, SequenceService sequences, EngineSettingsService engine,
            ObjectProvider<TemplateNames> templateNames, ObjectProvider<SenderAvailability> senderAvailability,
            ObjectProvider<CampaignEnrollmentCounts> enrollments, CampaignEnrollmentPolicies enrollmentPolicies,
            ApplicationEventPublisher events, AuditLog auditLog, Clock clock) {
        this.store = store;
        this.sequences = sequences;
        this.engine = engine;
        this.templateNames = templateNames;
        this.senderAvailability = senderAvailability;
        this.enrollments = enrollments;
        this.enrollmentPolicies = enrollmentPolicies;
        this.events = events;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Every campaign but the archived ones, by name. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<CampaignSummary> findAll() {
        return store.summaries(false);
    }

    /** Every campaign, archived ones too when asked. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<CampaignSummary> findAll(boolean withArchived) {
        return store.summaries(withArchived);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public Optional<CampaignDetails> find(long id) {
        return store.find(id);
    }

    /**
     * A draft with the engine's current behaviour as its plan (the default sequence, max sequence
     * steps touches, the base delay, the gate on the final touch), its schedule and re-contact policy.
     */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public CampaignDraft defaultDraft(String name, String description, String timeZone) {
        EngineSettings settings = engine.settings();
        SequenceConfig sequence = sequences.defaultSequence();
        List<CampaignTouch> touches = new ArrayList<>();
        int count = settings.maxSequenceSteps();
        for (int order = 1; order <= count; order++) {
            String type = order == 1 ? "INITIAL" : order == count ? "FINAL" : "FOLLOW_UP";
            touches.add(new CampaignTouch(order, type, sequence.id(), defaultTemplates(sequence, type),
                    order == 1 ? 0 : settings.baseFollowupDelayHours(),
                    order == count && order > 1 && settings.requireEngagementForFinalStep()));
        }
        CampaignSchedule window = CampaignSchedule.of(settings);
        return new CampaignDraft(name, description, touches, new CampaignSchedule(window.sendDays(), window.startHour(),
                window.endHour(), timeZone == null || timeZone.isBlank() ? settings.defaultTimeZone() : timeZone),
                CampaignSenders.all(), CampaignLimits.none(),
                new RecontactPolicy(settings.maxRecontactCycles(), settings.recontactCooldownDays()));
    }

    /** Email: the template named like the type ("email-initial"); other channels: the step's own template. */
    private Map<ChannelType, String> defaultTemplates(SequenceConfig sequence, String type) {
        Map<ChannelType, String> templates = new EnumMap<>(ChannelType.class);
        TemplateNames names = templateNames.getIfAvailable();
        for (SequenceConfig.Step step : sequence.steps()) {
            String name = step.channel() == ChannelType.EMAIL ? "email-" + type.toLowerCase().replace('_', '-')
                    : step.messageTemplate();
            if (names == null || names.exists(step.channel(), name)) {
                templates.put(step.channel(), name);
            }
        }
        return templates;
    }

    /** Creates a campaign as a DRAFT, owned by whoever creates it; names are unique. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public CampaignDetails create(CampaignDraft draft) {
        checkAdminFields(draft, null);
        validate(draft, null);
        long id = store.insert(draft, CampaignStatus.DRAFT, AuditLog.currentActor(), clock.instant());
        CampaignDetails created = store.find(id).orElseThrow();
        auditLog.record("campaign.create", "campaign", id, null, describe(created));
        return created;
    }

    /**
     * Creates an ACTIVE campaign with the engine's behaviour as its plan ({@link #defaultDraft}):
     * how campaigns were made before they had plans (demo data, imports, tests).
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public CampaignSummary create(String name, String description, String defaultTimeZone) {
        CampaignDraft draft = defaultDraft(name, description, defaultTimeZone);
        validate(draft, null);
        long id = store.insert(draft, CampaignStatus.ACTIVE, AuditLog.currentActor(), clock.instant());
        CampaignDetails created = store.find(id).orElseThrow();
        auditLog.record("campaign.create", "campaign", id, null, describe(created));
        return summary(created);
    }

    /** Replaces name, description, plan, schedule, senders, limits and policy; an archived campaign is not changed. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public CampaignDetails update(long id, CampaignDraft draft) {
        CampaignDetails before = existing(id);
        if (before.status() == CampaignStatus.ARCHIVED) {
            throw new InvalidInputException("status", "An archived campaign cannot be changed");
        }
        checkAdminFields(draft, before);
        validate(draft, id);
        store.update(id, draft, clock.instant());
        CampaignDetails after = store.find(id).orElseThrow();
        auditLog.record("campaign.update", "campaign", id, describe(before), describe(after));
        return after;
    }

    /** Everything that would make the campaign fail if started now, each problem named; empty when it may start. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<CampaignProblem> startProblems(long id) {
        CampaignDetails campaign = existing(id);
        CampaignEnrollmentCounts counts = enrollments.getIfAvailable();
        return CampaignRules.startProblems(campaign, sequences, Optional.ofNullable(senderAvailability.getIfAvailable()),
                counts == null ? 1 : counts.enrolled(id));
    }

    /** DRAFT (or COMPLETED, to run again) -> ACTIVE, when nothing would make it fail; else every problem named. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public CampaignDetails start(long id) {
        CampaignDetails campaign = existing(id);
        requireStatus(campaign, "start", CampaignStatus.DRAFT, CampaignStatus.COMPLETED);
        List<CampaignProblem> problems = startProblems(id);
        if (!problems.isEmpty()) {
            throw new CampaignNotStartableException(problems);
        }
        return move(campaign, CampaignStatus.ACTIVE, "campaign.start");
    }

    /** ACTIVE -> PAUSED: no new touches; its PENDING messages are held (not sent, not lost). */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public CampaignDetails pause(long id) {
        CampaignDetails campaign = existing(id);
        requireStatus(campaign, "pause", CampaignStatus.ACTIVE);
        CampaignDetails paused = move(campaign, CampaignStatus.PAUSED, "campaign.pause");
        events.publishEvent(new CampaignPaused(id));
        return paused;
    }

    /** PAUSED -> ACTIVE: held messages go out again, those whose window passed at the next opening. */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public CampaignDetails resume(long id) {
        CampaignDetails campaign = existing(id);
        requireStatus(campaign, "resume", CampaignStatus.PAUSED);
        CampaignDetails resumed = move(campaign, CampaignStatus.ACTIVE, "campaign.resume");
        events.publishEvent(new CampaignResumed(id, resumed.schedule()));
        return resumed;
    }

    /** Hides the campaign; a running one stops ticking and its PENDING messages are held. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public CampaignDetails archive(long id) {
        CampaignDetails campaign = existing(id);
        if (campaign.status() == CampaignStatus.ARCHIVED) {
            throw new InvalidInputException("status", "The campaign is already archived");
        }
        CampaignDetails archived = move(campaign, CampaignStatus.ARCHIVED, "campaign.archive");
        if (campaign.status() == CampaignStatus.ACTIVE) {
            events.publishEvent(new CampaignPaused(id));
        }
        return archived;
    }

    /**
     * A DRAFT copy named {@code newName}: plan, schedule, senders, limits, re-contact policy and
     * enrollment policy; no leads.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public CampaignDetails copy(long id, String newName) {
        CampaignDetails source = existing(id);
        CampaignDraft draft = source.toDraft();
        draft = new CampaignDraft(newName, draft.description(), draft.touches(), draft.schedule(), draft.senders(),
                draft.limits(), draft.recontact());
        validate(draft, null);
        long copyId = store.insert(draft, CampaignStatus.DRAFT, AuditLog.currentActor(), clock.instant());
        CampaignDetails copied = store.find(copyId).orElseThrow();
        auditLog.record("campaign.clone", "campaign", copyId, "copy of " + id, describe(copied));
        enrollmentPolicies.updateEnrollmentPolicy(copyId, enrollmentPolicies.enrollmentPolicy(id));
        return copied;
    }

    /**
     * ACTIVE campaigns among {@code ids} become COMPLETED (the cadence module decides which: every
     * enrollment finished, no re-contact due), each publishing {@link CampaignCompleted}. Returns
     * how many did.
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public int complete(Collection<Long> ids) {
        int completed = 0;
        for (long id : ids) {
            Optional<CampaignDetails> campaign = store.find(id);
            if (campaign.isPresent() && campaign.get().status() == CampaignStatus.ACTIVE) {
                move(campaign.get(), CampaignStatus.COMPLETED, "campaign.complete");
                events.publishEvent(new CampaignCompleted(id, campaign.get().name(), clock.instant()));
                completed++;
            }
        }
        return completed;
    }

    private CampaignDetails move(CampaignDetails campaign, CampaignStatus to, String action) {
        store.setStatus(campaign.id(), to, clock.instant());
        auditLog.record(action, "campaign", campaign.id(), campaign.status().name(), to.name());
        return store.find(campaign.id()).orElseThrow();
    }

    private static void requireStatus(CampaignDetails campaign, String action, CampaignStatus... allowed) {
        if (!List.of(allowed).contains(campaign.status())) {
            throw new InvalidInputException("status", "A " + campaign.status() + " campaign cannot " + action
                    + " (only " + List.of(allowed).stream().map(Enum::name).toList() + ")");
        }
    }

    private CampaignDetails existing(long id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("No campaign with id " + id));
    }

    /**
     * What would refuse saving {@code draft} as campaign {@code id} (null: a new one), each problem
     * naming its field; nothing is saved (the plan editor checks as the operator types).
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('ADMIN', 'OPERATOR')")
    public List<FieldError> check(Long id, CampaignDraft draft) {
        return errors(draft, id);
    }

    private void validate(CampaignDraft draft, Long id) {
        List<FieldError> errors = errors(draft, id);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private List<FieldError> errors(CampaignDraft draft, Long id) {
        List<FieldError> errors = new ArrayList<>(CampaignRules.validate(draft, sequences,
                Optional.ofNullable(templateNames.getIfAvailable())));
        if (draft.name() != null && !draft.name().isBlank()) {
            store.idByName(draft.name()).filter(other -> !other.equals(id)).ifPresent(other -> errors.add(
                    new FieldError("name", "A campaign named '" + draft.name().strip() + "' already exists")));
        }
        return errors;
    }

    /** Senders and limits are for admins: an operator may only keep them as they are (or the defaults on create). */
    private static void checkAdminFields(CampaignDraft draft, CampaignDetails before) {
        if (isAdmin()) {
            return;
        }
        CampaignSenders senders = before == null ? CampaignSenders.all() : before.senders();
        CampaignLimits limits = before == null ? CampaignLimits.none() : before.limits();
        if (draft.senders() != null && !draft.senders().equals(senders)) {
            throw new AccessDeniedException("Only an admin may change a campaign's senders");
        }
        if (draft.limits() != null && !draft.limits().equals(limits)) {
            throw new AccessDeniedException("Only an admin may change a campaign's limits");
        }
    }

    private static boolean isAdmin() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }

    private static CampaignSummary summary(CampaignDetails details) {
        return new CampaignSummary(details.id(), details.name(), details.status(), details.schedule().timeZone());
    }

    private static String describe(CampaignDetails c) {
        return c.name() + " [" + c.status() + "] touches " + c.touches().stream()
                .map(t -> t.order() + "." + t.messageType() + "(seq " + t.sequenceId() + ", +" + t.delayHours() + "h"
                        + (t.engagementGate() ? ", gated" : "") + ", " + t.templates() + ")").toList()
                + "; schedule " + c.schedule() + "; senders " + c.senders() + "; limits " + c.limits() + "; re-contact "
                + c.recontact();
    }
}
