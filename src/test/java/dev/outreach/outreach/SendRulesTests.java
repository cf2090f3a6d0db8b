package dev.outreach.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.outreach.campaign.SequenceConfig;
import dev.outreach.channel.ChannelSettings;
import dev.outreach.channel.Delivery;
import dev.outreach.channel.Delivery.SendingMailbox;
import dev.outreach.channel.DeliveryResult;
import dev.outreach.channel.ratelimit.RateDecision;
import dev.outreach.channel.ratelimit.RateLimit;
import dev.outreach.deliverability.MailboxDirectory.EligibleMailbox;
import dev.outreach.deliverability.MailboxDirectory.Selection;
import dev.outreach.lead.LeadDetails;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadStatus;
import dev.outreach.outreach.StepDecision.AwaitOperator;
import dev.outreach.outreach.StepDecision.Defer;
import dev.outreach.outreach.StepDecision.FallBack;
import dev.outreach.outreach.StepDecision.Finish;
import dev.outreach.outreach.StepDecision.InDoubt;
import dev.outreach.outreach.StepDecision.RetryAt;
import dev.outreach.outreach.StepDecision.Sent;
import dev.outreach.outreach.StepDecision.Skip;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.DeliveryMode;
import dev.outreach.shared.MessageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every rule of "How a message is sent" (docs/architecture.md), without Spring, a database or a clock. */
class SendRulesTests {

    static final Instant NOW = Instant.parse("2026-03-10T14:00:00Z");
    static final Function<String, Optional<String>> NOT_SUPPRESSED = email -> Optional.empty();

    static LeadDetails lead(LeadStatus status, String email, String linkedinId, String website, String formUrl,
            String phone) {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Tess");
        draft.setEmail(email);
        draft.setWebsite(website);
        draft.setContactFormUrl(formUrl);
        draft.setPhone(phone);
        draft.setStatus(status);
        return new LeadDetails(7L, draft, linkedinId, null, List.of(), "test", null, NOW, NOW, null);
    }

    static LeadDetails reachableEverywhere(LeadStatus status) {
        return lead(status, "tess@example.com", "ACoAAB", "https://example.com", null, "+1 555 0100");
    }

    static ChannelSettings channel(ChannelType type, boolean enabled, int maxRetries, List<Integer> backoffHours) {
        return new ChannelSettings(type, enabled, 100, 1000, 3, maxRetries, backoffHours, Map.of(), Map.of(), NOW, "test");
    }

    static SequenceConfig.Step step(ChannelType type, int maxRetries, int retryDelayHours) {
        return new SequenceConfig.Step(0, type, null, maxRetries, retryDelayHours);
    }

    static Delivery delivery(int attempt, String email) {
        return new Delivery(UUID.randomUUID(), "cold_outreach", attempt,
                new Delivery.Recipient(7L, "Tess", null, null, email, null, null, null, null, null),
                new Delivery.Content("Hi", "Hello", null), null, DeliveryMode.SANDBOX);
    }

    static RateLimit limit(String key, String description, Instant windowEnd) {
        return new RateLimit(key, 10, windowEnd, description);
    }

    // stop or skip

    @Test
    void aDeletedUnsubscribedRepliedOrDisqualifiedLeadEndsTheMessageSkipped() {
        assertThat(SendRules.stop(Optional.empty()))
                .contains(new Finish(MessageStatus.SKIPPED, "The lead was deleted"));
        assertThat(SendRules.stop(Optional.of(reachableEverywhere(LeadStatus.UNSUBSCRIBED))))
                .contains(new Finish(MessageStatus.SKIPPED, "The lead unsubscribed"));
        assertThat(SendRules.stop(Optional.of(reachableEverywhere(LeadStatus.REPLIED))))
                .contains(new Finish(MessageStatus.SKIPPED, "The lead replied; the sequence stops"));
        assertThat(SendRules.stop(Optional.of(reachableEverywhere(LeadStatus.DISQUALIFIED))))
                .contains(new Finish(MessageStatus.SKIPPED, "The lead is disqualified"));
    }

    @ParameterizedTest
    @EnumSource(value = LeadStatus.class, names = {"NEW", "CONTACTED", "ENGAGED", "BOUNCED"})
    void otherLeadsGoOnToTheirSteps(LeadStatus status) {
        // a bounced lead is not stopped: only its email step is unusable, the other channels still reach it
        assertThat(SendRules.stop(Optional.of(reachableEverywhere(status)))).isEmpty();
    }

    @Test
    void aDisabledChannelIsSkippedWithoutAskingTheSuppressionList() {
        Optional<Skip> skip = SendRules.skip(ChannelType.EMAIL, channel(ChannelType.EMAIL, false, 2, List.of()),
                reachableEverywhere(LeadStatus.NEW), email -> fail("not asked for a disabled channel"));

        assertThat(skip).contains(new Skip(ChannelType.EMAIL, "Channel Email is disabled"));
    }

    @Test
    void emailIsSkippedWithoutAnAddressAfterABounceOrWhenTheAddressIsSuppressed() {
        ChannelSettings email = channel(ChannelType.EMAIL, true, 2, List.of());
        Function<String, Optional<String>> neverAsked = address -> fail("not asked");

        assertThat(SendRules.skip(ChannelType.EMAIL, email, lead(LeadStatus.NEW, null, null, null, null, null), neverAsked))
                .contains(new Skip(ChannelType.EMAIL, "The lead has no email address"));
        assertThat(SendRules.skip(ChannelType.EMAIL, email, reachableEverywhere(LeadStatus.BOUNCED), neverAsked))
                .contains(new Skip(ChannelType.EMAIL, "The lead's email bounced before"));
        List<String> asked = new ArrayList<>();
        assertThat(SendRules.skip(ChannelType.EMAIL, email, reachableEverywhere(LeadStatus.NEW), address -> {
            asked.add(address);
            return Optional.of("unsubscribed via link");
        })).contains(new Skip(ChannelType.EMAIL, "The address is suppressed: unsubscribed via link"));
        assertThat(asked).containsExactly("tess@example.com");
        assertThat(SendRules.skip(ChannelType.EMAIL, email, reachableEverywhere(LeadStatus.NEW), NOT_SUPPRESSED)).isEmpty();
    }

    @Test
    void theOtherChannelsAreSkippedWhenTheLeadHasNoContactPointForThem() {
        LeadDetails nothing = lead(LeadStatus.NEW, "tess@example.com", null, null, null, null);

        assertThat(skipOn(ChannelType.LINKEDIN, nothing)).contains(new Skip(ChannelType.LINKEDIN, "The lead has no LinkedIn profile"));
        assertThat(skipOn(ChannelType.CONTACT_FORM, nothing))
                .contains(new Skip(ChannelType.CONTACT_FORM, "The lead has no website or contact form"));
        assertThat(skipOn(ChannelType.PHONE, nothing)).contains(new Skip(ChannelType.PHONE, "The lead has no phone number"));
        // a website alone is enough for a contact form (the form is found on it), and so is a form's own URL
        assertThat(skipOn(ChannelType.CONTACT_FORM, lead(LeadStatus.NEW, null, null, "https://example.com", null, null))).isEmpty();
        assertThat(skipOn(ChannelType.CONTACT_FORM, lead(LeadStatus.NEW, null, null, null, "https://example.com/contact", null))).isEmpty();
        assertThat(skipOn(ChannelType.LINKEDIN, reachableEverywhere(LeadStatus.NEW))).isEmpty();
        assertThat(skipOn(ChannelType.PHONE, reachableEverywhere(LeadStatus.NEW))).isEmpty();
    }

    private Optional<Skip> skipOn(ChannelType type, LeadDetails lead) {
        return SendRules.skip(type, channel(type, true, 1, List.of()), lead, address -> fail("only email asks"));
    }

    @Test
    void anAddressSuppressedSinceTheClaimEndsTheMessageWhenTheLeadStoppedElseSkipsTheEmailStep() {
        assertThat(SendRules.suppressedSinceClaim("unsubscribed", Optional.of(reachableEverywhere(LeadStatus.UNSUBSCRIBED))))
                .isEqualTo(new Finish(MessageStatus.SKIPPED, "The lead unsubscribed"));
        assertThat(SendRules.suppressedSinceClaim("bounced", Optional.empty()))
                .isEqualTo(new Finish(MessageStatus.SKIPPED, "The lead was deleted"));
        assertThat(SendRules.suppressedSinceClaim("bounced", Optional.of(reachableEverywhere(LeadStatus.CONTACTED))))
                .isEqualTo(new Skip(ChannelType.EMAIL, "The address is suppressed: bounced"));
    }

    @Test
    void whenNoStepIsLeftTheMessageFails() {
        SequenceConfig plan = new SequenceConfig(1, "Email -> LinkedIn", List.of());

        assertThat(SendRules.everyStepFailed(plan))
                .isEqualTo(new Finish(MessageStatus.FAILED, "Every channel of sequence 'Email -> LinkedIn' failed"));
    }

    // our own limits defer

    @Test
    void withNoMailboxThatMaySendEmailWaitsAnHour() {
        assertThat(SendRules.noMailbox(new Selection(List.of(), Map.of()), NOW))
                .contains(new Defer(NOW.plus(Duration.ofHours(1)), "No healthy mailbox to send from (no mailbox is set up)"));
        assertThat(SendRules.noMailbox(new Selection(List.of(), Map.of("a@example.com", "mailbox is paused")), NOW))
                .contains(new Defer(NOW.plus(Duration.ofHours(1)), "No healthy mailbox to send from"));
        assertThat(SendRules.noMailbox(new Selection(List.of(mailbox(1)), Map.of()), NOW)).isEmpty();
    }

    @Test
    void aFullChannelOrLeadLimitWaitsForTheEndOfItsWindow() {
        Instant endOfHour = Instant.parse("2026-03-10T15:00:00Z");
        RateDecision hourFull = RateDecision.deny(limit("rate:channel:EMAIL:hour", "100 per hour", endOfHour));

        assertThat(SendRules.rateLimited(hourFull, ChannelType.EMAIL, NOW))
                .contains(new Defer(endOfHour, "Waiting for the Email rate limit: 100 per hour"));
        assertThat(SendRules.rateLimited(RateDecision.allow(List.of()), ChannelType.EMAIL, NOW)).isEmpty();
    }

    @Test
    void aFullMailboxOrDomainCapSaysEveryHealthyMailboxIsFullAndALimitWithoutWindowWaitsAnHour() {
        Instant midnight = Instant.parse("2026-03-11T00:00:00Z");

        assertThat(SendRules.rateLimited(RateDecision.deny(limit("rate:mailbox:3:day", "50 per day", midnight)),
                ChannelType.EMAIL, NOW)).contains(new Defer(midnight, "Every healthy mailbox reached its daily cap"));
        assertThat(SendRules.rateLimited(RateDecision.deny(limit("rate:domain:1:day", "200 per day", midnight)),
                ChannelType.EMAIL, NOW)).contains(new Defer(midnight, "Every healthy mailbox reached its daily cap"));
        assertThat(SendRules.rateLimited(RateDecision.deny(limit("rate:lead:7", "3 per lead", null)),
                ChannelType.LINKEDIN, NOW)).contains(new Defer(NOW.plus(Duration.ofHours(1)),
                        "Waiting for the LinkedIn rate limit: 3 per lead"));
    }

    @Test
    void aLimiterOutageOrAnythingElseBeforeTheCallDefersFiveMinutesWithoutInternalDetail() {
        assertThat(SendRules.limiterDown(NOW)).isEqualTo(new Defer(NOW.plus(Duration.ofMinutes(5)),
                "The rate limiter could not be reached, so nothing was sent; retrying in 5 minutes"));
        assertThat(SendRules.notPrepared(NOW).until()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(SendRules.notPrepared(NOW).reason()).contains("nothing went out").contains("application log");
    }

    // mailbox rotation under caps

    @Test
    void theTouchsMailboxIsUsedWhenItHasRoom() {
        List<String> asked = new ArrayList<>();
        SendRules.MailboxPick pick = SendRules.pickMailbox(List.of(mailbox(2), mailbox(3)), candidate -> {
            asked.add(candidate.mailbox().address());
            return RateDecision.allow(List.of());
        });

        assertThat(pick.mailbox()).map(SendingMailbox::id).contains(2L);
        assertThat(pick.rate().allowed()).isTrue();
        assertThat(asked).containsExactly("m2@example.com");
    }

    @Test
    void aFullMailboxOrDomainPassesTheTouchToTheNextInTheRotation() {
        RateDecision mailboxFull = RateDecision.deny(limit("rate:mailbox:2:day", "50 per day", NOW));
        RateDecision domainFull = RateDecision.deny(limit("rate:domain:9:day", "200 per day", NOW));
        List<Long> asked = new ArrayList<>();
        SendRules.MailboxPick pick = SendRules.pickMailbox(List.of(mailbox(2), mailbox(3), mailbox(4)), candidate -> {
            asked.add(candidate.mailbox().id());
            return switch ((int) candidate.mailbox().id()) {
                case 2 -> mailboxFull;
                case 3 -> domainFull;
                default -> RateDecision.allow(List.of());
            };
        });

        assertThat(pick.mailbox()).map(SendingMailbox::id).contains(4L);
        assertThat(asked).containsExactly(2L, 3L, 4L);
    }

    @Test
    void aChannelOrLeadLimitStopsTheWalkBecauseAnotherMailboxWouldNotHelp() {
        RateDecision hourFull = RateDecision.deny(limit("rate:channel:EMAIL:hour", "100 per hour", NOW));
        List<Long> asked = new ArrayList<>();
        SendRules.MailboxPick pick = SendRules.pickMailbox(List.of(mailbox(2), mailbox(3)), candidate -> {
            asked.add(candidate.mailbox().id());
            return hourFull;
        });

        assertThat(asked).containsExactly(2L);
        assertThat(pick.rate()).isEqualTo(hourFull);
        assertThat(SendRules.rateLimited(pick.rate(), ChannelType.EMAIL, NOW)).map(Defer::reason)
                .contains("Waiting for the Email rate limit: 100 per hour");
    }

    @Test
    void whenEveryMailboxIsFullNoneIsPickedAndTheMessageWaitsForTheCaps() {
        RateDecision full = RateDecision.deny(limit("rate:mailbox:x:day", "50 per day", NOW.plus(Duration.ofHours(10))));
        SendRules.MailboxPick pick = SendRules.pickMailbox(List.of(mailbox(2), mailbox(3)), candidate -> full);

        assertThat(pick.mailbox()).isEmpty();
        assertThat(SendRules.rateLimited(pick.rate(), ChannelType.EMAIL, NOW))
                .contains(new Defer(NOW.plus(Duration.ofHours(10)), "Every healthy mailbox reached its daily cap"));
    }

    // after the delivery call

    final SequenceConfig.Step email = step(ChannelType.EMAIL, 2, 6);
    final ChannelSettings emailSettings = channel(ChannelType.EMAIL, true, 3, List.of());

    @Test
    void sentOrSentUnconfirmedIsSent() {
        DeliveryResult sent = DeliveryResult.sent("<id@example.com>", "To: tess@example.com");
        DeliveryResult unconfirmed = DeliveryResult.sentUnconfirmed("form", "posted");

        assertThat(SendRules.afterDelivery(email, emailSettings, delivery(1, "tess@example.com"), sent, NOW))
                .isEqualTo(new Sent(sent));
        assertThat(SendRules.afterDelivery(email, emailSettings, delivery(1, "tess@example.com"), unconfirmed, NOW))
                .isEqualTo(new Sent(unconfirmed));
    }

    @Test
    void aManualTaskWaitsForTheOperator() {
        DeliveryResult task = DeliveryResult.awaitingOperator("task:41", "Call Tess");

        assertThat(SendRules.afterDelivery(step(ChannelType.PHONE, 0, 1), channel(ChannelType.PHONE, true, 0, List.of()),
                delivery(1, null), task, NOW)).isEqualTo(new AwaitOperator("task:41", task));
    }

    @Test
    void aLostReplyIsInDoubtEvenWithRetriesLeftAndNeverFallsBack() {
        DeliveryResult lost = DeliveryResult.inDoubt("<m@acme.test>",
                "connection lost after the message was sent; the server may have it (smtp.acme.test:587)");

        assertThat(SendRules.afterDelivery(step(ChannelType.EMAIL, 3, 1), channel(ChannelType.EMAIL, true, 3, List.of()),
                delivery(1, "tess@example.com"), lost, NOW)).isEqualTo(new InDoubt(
                "Email: connection lost after the message was sent; the server may have it (smtp.acme.test:587)", lost));
    }

    @Test
    void aLimitOfTheChannelsOwnDefersWithoutAFailure() {
        DeliveryResult weeklyCap = DeliveryResult.deferred("weekly invitation cap reached", Duration.ofDays(3));
        DeliveryResult noTime = new DeliveryResult(MessageStatus.PENDING, false, Optional.empty(), null, "busy", null,
                true, false, false, null);
        SequenceConfig.Step linkedin = step(ChannelType.LINKEDIN, 1, 1);
        ChannelSettings settings = channel(ChannelType.LINKEDIN, true, 1, List.of());

        assertThat(SendRules.afterDelivery(linkedin, settings, delivery(1, null), weeklyCap, NOW))
                .isEqualTo(new Defer(NOW.plus(Duration.ofDays(3)), "LinkedIn: weekly invitation cap reached"));
        assertThat(SendRules.afterDelivery(linkedin, settings, delivery(1, null), noTime, NOW))
                .isEqualTo(new Defer(NOW.plus(Duration.ofHours(1)), "LinkedIn: busy"));
    }

    @Test
    void aSoftFailureIsRetriedOnTheSameChannelAfterTheBackoffWhileRetriesAreLeft() {
        DeliveryResult busy = DeliveryResult.retryLater("421 try again later", Optional.empty());

        assertThat(SendRules.afterDelivery(email, emailSettings, delivery(1, "tess@example.com"), busy, NOW))
                .isEqualTo(new RetryAt(NOW.plus(Duration.ofHours(6)), "Email failed, retry 1 of 2: 421 try again later", busy));
        assertThat(SendRules.afterDelivery(email, emailSettings, delivery(2, "tess@example.com"), busy, NOW))
                .isInstanceOf(RetryAt.class);
    }

    @Test
    void afterTheLastRetryTheNextStepIsTried() {
        DeliveryResult busy = DeliveryResult.retryLater("421 try again later", Optional.empty());

        assertThat(SendRules.afterDelivery(email, emailSettings, delivery(3, "tess@example.com"), busy, NOW))
                .isEqualTo(new FallBack("Falling back after Email: 421 try again later", busy, Optional.empty()));
    }

    @Test
    void theStepsRetriesAreCappedByTheChannels() {
        DeliveryResult busy = DeliveryResult.retryLater("timeout", Optional.empty());
        ChannelSettings oneRetry = channel(ChannelType.EMAIL, true, 1, List.of());

        assertThat(SendRules.maxRetries(email, oneRetry)).isEqualTo(1);
        assertThat(SendRules.maxRetries(email, emailSettings)).isEqualTo(2);
        assertThat(SendRules.afterDelivery(email, oneRetry, delivery(2, "tess@example.com"), busy, NOW))
                .isInstanceOf(FallBack.class);
    }

    @Test
    void aHardFailureOrABounceFallsBackAtOnceAndLeavesTheAddressUsable() {
        DeliveryResult hard = DeliveryResult.hardFailure("CAPTCHA on the form");
        DeliveryResult policy = DeliveryResult.bounced("554 5.7.1 message refused by policy");
        DeliveryResult skipped = DeliveryResult.skipped("No form on the page");

        assertThat(SendRules.afterDelivery(email, emailSettings, delivery(1, "tess@example.com"), hard, NOW))
                .isEqualTo(new FallBack("Falling back after Email: CAPTCHA on the form", hard, Optional.empty()));
        assertThat(SendRules.afterDelivery(email, emailSettings, delivery(1, "tess@example.com"), policy, NOW))
                .isEqualTo(new FallBack("Falling back after Email: 554 5.7.1 message refused by policy", policy,
                        Optional.empty()));
        assertThat(SendRules.afterDelivery(email, emailSettings, delivery(1, "tess@example.com"), skipped, NOW))
                .isInstanceOf(FallBack.class);
    }

    @Test
    void anEmailAddressTheServerRefusedItselfIsMarkedDead() {
        DeliveryResult unknownUser = DeliveryResult.addressRejected("550 5.1.1 no such user");

        assertThat(SendRules.afterDelivery(email, emailSettings, delivery(1, "tess@example.com"), unknownUser, NOW))
                .isEqualTo(new FallBack("Falling back after Email: 550 5.1.1 no such user", unknownUser,
                        Optional.of("tess@example.com")));
        // only email has an address to suppress
        SequenceConfig.Step form = step(ChannelType.CONTACT_FORM, 0, 1);
        assertThat(SendRules.afterDelivery(form, channel(ChannelType.CONTACT_FORM, true, 0, List.of()),
                delivery(1, "tess@example.com"), unknownUser, NOW))
                .isEqualTo(new FallBack("Falling back after Contact form: 550 5.1.1 no such user", unknownUser,
                        Optional.empty()));
    }

    @Test
    void onlyATryThatReachedTheLeadOrAnOperatorKeepsItsRateLimitUnits() {
        assertThat(SendRules.reachedTheLead(DeliveryResult.sent("id", null))).isTrue();
        assertThat(SendRules.reachedTheLead(new DeliveryResult(MessageStatus.DELIVERED, false, Optional.empty(), "id",
                null, null, false, false, false, null))).isTrue();
        assertThat(SendRules.reachedTheLead(DeliveryResult.awaitingOperator("task:1", null))).isTrue();
        assertThat(SendRules.reachedTheLead(DeliveryResult.inDoubt(null, "reply lost"))).as("may have").isTrue();
        assertThat(SendRules.reachedTheLead(DeliveryResult.deferred("weekly cap", Duration.ofDays(1)))).isFalse();
        assertThat(SendRules.reachedTheLead(DeliveryResult.retryLater("421", Optional.empty()))).isFalse();
        assertThat(SendRules.reachedTheLead(DeliveryResult.addressRejected("550 5.1.1"))).isFalse();
        assertThat(SendRules.reachedTheLead(DeliveryResult.skipped("no form"))).isFalse();
    }

    // backoff

    final SequenceConfig.Step backoffStep = step(ChannelType.EMAIL, 5, 6);

    @Test
    void retryNWaitsTheNthValueOfTheChannelsListAndTheLastOneWhenTheListIsShorter() {
        ChannelSettings settings = channel(ChannelType.EMAIL, true, 5, List.of(1, 4, 24));

        assertThat(SendRules.backoff(backoffStep, settings, 1, Optional.empty())).isEqualTo(Duration.ofHours(1));
        assertThat(SendRules.backoff(backoffStep, settings, 2, Optional.empty())).isEqualTo(Duration.ofHours(4));
        assertThat(SendRules.backoff(backoffStep, settings, 3, Optional.empty())).isEqualTo(Duration.ofHours(24));
        assertThat(SendRules.backoff(backoffStep, settings, 5, Optional.empty())).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void withoutAListTheStepsRetryDelayApplies() {
        ChannelSettings settings = channel(ChannelType.EMAIL, true, 5, List.of());

        assertThat(SendRules.backoff(backoffStep, settings, 1, Optional.empty())).isEqualTo(Duration.ofHours(6));
        assertThat(SendRules.backoff(backoffStep, settings, 4, Optional.empty())).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void neverLessThanTheRetryAfterTheOtherSideAskedFor() {
        ChannelSettings settings = channel(ChannelType.EMAIL, true, 5, List.of(1));

        assertThat(SendRules.backoff(backoffStep, settings, 1, Optional.of(Duration.ofHours(3)))).isEqualTo(Duration.ofHours(3));
        assertThat(SendRules.backoff(backoffStep, settings, 1, Optional.of(Duration.ofMinutes(10)))).isEqualTo(Duration.ofHours(1));
    }

    // answers in the lead's thread (replies from the console)

    @Test
    void aLeadThatRepliedStillGetsTheAnswerButNotATouchAndAnUnsubscribeStopsBoth() {
        Optional<LeadDetails> replied = Optional.of(reachableEverywhere(LeadStatus.REPLIED));
        Optional<LeadDetails> unsubscribed = Optional.of(reachableEverywhere(LeadStatus.UNSUBSCRIBED));

        assertThat(SendRules.stop(replied, true)).isEmpty();
        assertThat(SendRules.stop(replied, false)).contains(new Finish(MessageStatus.SKIPPED,
                "The lead replied; the sequence stops"));
        assertThat(SendRules.stop(unsubscribed, true)).contains(new Finish(MessageStatus.SKIPPED, "The lead unsubscribed"));
    }

    @Test
    void anAnswerWaitsForTheThreadsMailboxNamingItAndWhy() {
        Selection paused = new Selection(List.of(),
                java.util.Map.of("sam@example.com", "mailbox is paused: too many bounces"));

        assertThat(SendRules.answerWaitsForItsMailbox(paused, NOW)).contains(new Defer(NOW.plus(Duration.ofHours(1)),
                "No healthy mailbox to send from: this reply goes only from sam@example.com (mailbox is paused: too many bounces)"));
        assertThat(SendRules.answerWaitsForItsMailbox(new Selection(List.of(mailbox(2)),
                java.util.Map.of()), NOW)).isEmpty();
    }

    @Test
    void anAnswerWhoseMailboxIsFullSaysWhichMailboxItWaitsFor() {
        Instant midnight = Instant.parse("2026-03-11T00:00:00Z");

        assertThat(SendRules.rateLimited(RateDecision.deny(limit("rate:mailbox:3:day", "at most 50 per day from this mailbox",
                midnight)), ChannelType.EMAIL, NOW, Optional.of("sam@example.com"))).contains(new Defer(midnight,
                        "Every healthy mailbox reached its daily cap: this reply goes only from sam@example.com"
                                + " (at most 50 per day from this mailbox)"));
    }

    static EligibleMailbox mailbox(long id) {

        return new EligibleMailbox(new SendingMailbox(id, "m" + id + "@example.com", "M" + id, null), 50);
    }
}
