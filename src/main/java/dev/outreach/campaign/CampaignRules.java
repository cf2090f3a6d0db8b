package dev.outreach.campaign;

import dev.outreach.channel.TemplateNames;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.FieldError;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a campaign draft must be to be saved, each problem naming its field. */
final class CampaignRules {

    static final int MAX_TOUCHES = 20;
    static final int MAX_DELAY_HOURS = 720;

    private CampaignRules() {
    }

    static List<FieldError> validate(CampaignDraft draft, SequenceService sequences, Optional<TemplateNames> names) {
        List<FieldError> errors = new ArrayList<>();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > 150) {
            errors.add(new FieldError("name", "Give a name of 1 to 150 characters"));
        }
        if (draft.description() != null && draft.description().length() > 1000) {
            errors.add(new FieldError("description", "At most 1000 characters"));
        }
        touches(draft, sequences, names, errors);
        schedule(draft.schedule(), errors);
        if (draft.senders() == null) {
            errors.add(new FieldError("senders", "Give the senders (both lists empty: every healthy mailbox)"));
        }
        if (draft.limits() == null) {
            errors.add(new FieldError("limits", "Give the limits (null values: no limit)"));
        } else {
            positive(errors, "limits.newLeadsPerDay", draft.limits().newLeadsPerDay());
            positive(errors, "limits.touchesPerDay", draft.limits().touchesPerDay());
        }
        if (draft.recontact() == null) {
            errors.add(new FieldError("recontact", "Give the re-contact policy"));
        } else {
            if (draft.recontact().maxCycles() < 0 || draft.recontact().maxCycles() > 10) {
                errors.add(new FieldError("recontact.maxCycles", "Give 0 to 10 cycles"));
            }
            if (draft.recontact().cooldownDays() < 1 || draft.recontact().cooldownDays() > 3650) {
                errors.add(new FieldError("recontact.cooldownDays", "Give 1 to 3650 days"));
            }
        }
        return errors;
    }

    private static void touches(CampaignDraft draft, SequenceService sequences, Optional<TemplateNames> names,
            List<FieldError> errors) {
        List<CampaignTouch> touches = draft.touches() == null ? List.of() : draft.touches();
        if (touches.size() > MAX_TOUCHES) {
            errors.add(new FieldError("touches", "At most " + MAX_TOUCHES + " touches"));
        }
        for (int i = 0; i < touches.size(); i++) {
            CampaignTouch touch = touches.get(i);
            String field = "touches[" + (i + 1) + "]";
            if (touch.order() != i + 1) {
                errors.add(new FieldError(field + ".order", "Touches are numbered 1, 2, 3... in order; this one is " + touch.order()));
            }
            if (touch.messageType() == null || touch.messageType().isBlank() || touch.messageType().strip().length() > 30) {
                errors.add(new FieldError(field + ".messageType", "Name the message type (INITIAL, FOLLOW_UP, FINAL or your own, at most 30 characters)"));
            }
            if (touch.delayHours() < 0 || touch.delayHours() > MAX_DELAY_HOURS) {
                errors.add(new FieldError(field + ".delayHours", "Give 0 to " + MAX_DELAY_HOURS + " hours"));
            }
            Optional<SequenceConfig> sequence = sequences.find(touch.sequenceId());
            if (sequence.isEmpty()) {
                errors.add(new FieldError(field + ".sequenceId", "No sequence with id " + touch.sequenceId()));
                continue;
            }
            touch.templates().forEach((channel, template) -> {
                if (sequence.get().steps().stream().noneMatch(step -> step.channel() == channel)) {
                    errors.add(new FieldError(field + ".templates", channel.label() + " is not a channel of sequence '"
                            + sequence.get().name() + "'"));
                } else if (template == null || template.isBlank()) {
                    errors.add(new FieldError(field + ".templates", "Name the " + channel.label() + " template"));
                } else if (names.isPresent() && !names.get().exists(channel, template.strip())) {
                    errors.add(new FieldError(field + ".templates", "'" + template.strip() + "' is not one of the "
                            + channel.label() + " templates"));
                }
            });
        }
    }

    private static void schedule(CampaignSchedule schedule, List<FieldError> errors) {
        if (schedule == null) {
            errors.add(new FieldError("schedule", "Give the schedule"));
            return;
        }
        if (schedule.sendDays().isEmpty()) {
            errors.add(new FieldError("schedule.sendDays", "Choose at least one day"));
        }
        if (schedule.startHour() < 0 || schedule.startHour() > 23) {
            errors.add(new FieldError("schedule.startHour", "Give 0 to 23 (hour of the day)"));
        }
        if (schedule.endHour() < 1 || schedule.endHour() > 24 || schedule.endHour() <= schedule.startHour()) {
            errors.add(new FieldError("schedule.endHour", "Give an hour after the start, at most 24"));
        }
        try {
            ZoneId.of(schedule.timeZone() == null ? "" : schedule.timeZone().strip());
        } catch (DateTimeException e) {
            errors.add(new FieldError("schedule.timeZone", "Not a time zone: '" + schedule.timeZone()
                    + "' (use an IANA name such as America/Chicago)"));
        }
    }

    private static void positive(List<FieldError> errors, String field, Integer value) {
        if (value != null && (value < 1 || value > 1_000_000)) {
            errors.add(new FieldError(field, "Give 1 to 1000000, or nothing for no limit"));
        }
    }

    /** What keeps a saved campaign from starting; empty when it can start. */
    static List<CampaignProblem> startProblems(CampaignDetails campaign, SequenceService sequences,
            Optional<SenderAvailability> senders, long enrolled) {
        List<CampaignProblem> problems = new ArrayList<>();
        if (campaign.touches().isEmpty()) {
            problems.add(new CampaignProblem("touches", "The campaign has no touch"));
        }
        boolean email = false;
        for (CampaignTouch touch : campaign.touches()) {
            Optional<ChannelType> first = sequences.find(touch.sequenceId())
                    .flatMap(s -> s.steps().stream().findFirst()).map(SequenceConfig.Step::channel);
            if (first.isEmpty()) {
                problems.add(new CampaignProblem("touches[" + touch.order() + "].sequenceId",
                        "Touch " + touch.order() + ": its sequence has no step"));
                continue;
            }
            String template = touch.templates().get(first.get());
            if (template == null || template.isBlank()) {
                problems.add(new CampaignProblem("touches[" + touch.order() + "].templates", "Touch " + touch.order()
                        + " has no template for its first channel, " + first.get().label()));
            }
            email |= first.get() == ChannelType.EMAIL;
        }
        if (email && senders.isPresent()) {
            senders.get().noEligibleMailbox(campaign.senders()).ifPresent(reason -> problems.add(new CampaignProblem(
                    "senders", "No mailbox the campaign may use can send email now: " + reason)));
        }
        if (enrolled == 0) {
            problems.add(new CampaignProblem("leads", "No lead is enrolled in the campaign"));
        }
        return problems;
    }
}
