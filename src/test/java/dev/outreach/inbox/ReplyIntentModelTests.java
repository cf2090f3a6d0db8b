package dev.outreach.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.content.LlmProperties;
import dev.outreach.content.OpenAiStub;
import dev.outreach.inbox.ReplyCorpus.Sample;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The second opinion: a stub OpenAI-compatible endpoint on loopback answers for what the rules
 * leave open. Whatever the endpoint does (garbage, a label we do not have, a 500, a timeout), the
 * reply is left open (AUTO_REPLY_OTHER, low confidence) with the reason, and nothing is thrown.
 */
class ReplyIntentModelTests {

    private static final LocalDate WRITTEN = LocalDate.of(2026, 3, 3);
    private final OpenAiStub stub = new OpenAiStub();

    @AfterEach
    void stopStub() {
        stub.close();
    }

    private ReplyIntentModel model(Duration timeout) {
        return new ReplyIntentModel(new LlmProperties(stub.baseUrl(), "", "stub-model", timeout, 0, 0.7));
    }

    private static IncomingReply reply(String text) {
        return new IncomingReply("Re: Closing the month faster", "ian@en-prospect.example", text, Optional.empty(), WRITTEN);
    }

    /**
     * The corpus's second run: the rules first, the stub model for the samples they leave open.
     * The stub plays a model that reads the prompt: it answers the team's label for the sample
     * whose text it finds between the markers, so a prompt without the reply (or with the quoted
     * history instead) gets no label. It shows the way through (prompt, schema, parsing, source
     * and confidence), not a model's quality.
     */
    @Test
    void theCorpusWithTheStubModelForWhatTheRulesLeaveOpen() {
        List<Sample> samples = ReplyCorpus.samples();
        List<Sample> open = samples.stream().filter(s -> ReplyIntentRules.classify(s.read()).isEmpty()).toList();
        stub.answerWith(request -> open.stream().filter(s -> request.contains(firstLine(s))).findFirst()
                .map(s -> "{\"label\":\"" + s.label() + "\",\"confidence\":0.7,\"reason\":\"reads as " + s.label()
                        + "\",\"date\":\"\",\"referral_name\":\"\",\"referral_email\":\"\"}")
                .orElse("no idea"));
        ReplyIntentModel model = model(Duration.ofSeconds(10));

        int right = 0;
        for (Sample sample : samples) {
            IncomingReply reply = sample.read();
            ReplyIntent intent = ReplyIntentRules.classify(reply).orElseGet(() -> model.classify(reply));
            right += intent.label() == sample.label() ? 1 : 0;
            if (open.contains(sample)) {
                assertThat(intent.source()).as(sample.file()).isEqualTo(IntentSource.MODEL);
                assertThat(intent.confidence()).isEqualTo(0.7);
                assertThat(intent.reason()).isEqualTo("reads as " + sample.label());
            }
        }
        System.out.println("Reply intent, rules then the stub model: " + right + " of " + samples.size() + " right ("
                + open.size() + " asked of the model)");
        assertThat(open).as("the samples the team marked open").hasSize((int) samples.stream().filter(s -> !s.rulesDecide()).count());
        assertThat(stub.requests).hasSize(open.size()).allSatisfy(request -> assertThat(request)
                .contains("\"json_schema\"", "reply_intent", "NOT_NOW", "stub-model")
                .doesNotContain("Unsubscribe: https://send.example"));
        assertThat(right).isEqualTo(samples.size());
    }

    @Test
    void aDateAndAReferralAreKeptOnlyWhenTheyAreValid() {
        ReplyIntentModel model = model(Duration.ofSeconds(10));
        stub.answer("""
                {"label":"NOT_NOW","confidence":0.8,"reason":"asks to talk after the audit","date":"2026-09-01",
                 "referral_name":"","referral_email":""}""");
        assertThat(model.classify(reply("After the audit, maybe.")).date()).contains(LocalDate.of(2026, 9, 1));

        stub.answer("""
                {"label":"NOT_NOW","confidence":0.8,"reason":"later","date":"after the summer","referral_name":"","referral_email":""}""");
        ReplyIntent undated = model.classify(reply("Later."));
        assertThat(undated.label()).isEqualTo(IntentLabel.NOT_NOW);
        assertThat(undated.date()).isEmpty();

        stub.answer("""
                {"label":"WRONG_PERSON","confidence":0.9,"reason":"points to a colleague","date":"",
                 "referral_name":"Jo Park","referral_email":"not an address"}""");
        ReplyIntent referral = model.classify(reply("Ask Jo."));
        assertThat(referral.referralName()).contains("Jo Park");
        assertThat(referral.referralEmail()).isEmpty();
    }

    @Test
    void garbageFromTheModelLeavesTheReplyOpen() {
        ReplyIntentModel model = model(Duration.ofSeconds(10));
        for (String answer : List.of("I think they are interested!", "{\"label\":\"HOT_LEAD\",\"confidence\":0.9,\"reason\":\"x\"}",
                "{\"label\":\"INTERESTED\",\"confidence\":7,\"reason\":\"very\"}", "{\"label\":\"INTERESTED\",\"confidence\":0.9}",
                "[]", "")) {
            stub.answer(answer);

            ReplyIntent intent = model.classify(reply("Hm, what would this look like for us?"));

            assertThat(intent.label()).as(answer).isEqualTo(IntentLabel.AUTO_REPLY_OTHER);
            assertThat(intent.confidence()).isEqualTo(ReplyIntent.LOW_CONFIDENCE);
            assertThat(intent.source()).isEqualTo(IntentSource.MODEL);
            assertThat(intent.reason()).startsWith("model");
        }
    }

    @Test
    void anEndpointThatFailsOrTimesOutLeavesTheReplyOpen() {
        stub.fail(500);
        ReplyIntent failed = model(Duration.ofSeconds(10)).classify(reply("Hm."));
        assertThat(failed.label()).isEqualTo(IntentLabel.AUTO_REPLY_OTHER);
        assertThat(failed.reason()).startsWith("model request failed");

        stub.answer("{\"label\":\"INTERESTED\",\"confidence\":0.9,\"reason\":\"late\",\"date\":\"\",\"referral_name\":\"\",\"referral_email\":\"\"}");
        CountDownLatch release = new CountDownLatch(1);
        stub.holdUntil(release);
        try {
            ReplyIntent slow = model(Duration.ofMillis(500)).classify(reply("Hm."));
            assertThat(slow.label()).isEqualTo(IntentLabel.AUTO_REPLY_OTHER);
            assertThat(slow.reason()).startsWith("model request failed");
        } finally {
            release.countDown();
        }
    }

    @Test
    void withoutAnEndpointTheModelIsOff() {
        ReplyIntentModel off = new ReplyIntentModel(new LlmProperties("", "", "m", Duration.ofSeconds(1), 0, 0.7));

        assertThat(off.enabled()).isFalse();
        assertThat(off.classify(reply("Hm.")).source()).isEqualTo(IntentSource.RULE);
        assertThat(stub.requests).isEmpty();
    }

    /** The sample's first line as the prompt carries it (JSON-escaped quotes are avoided: cut at the first one). */
    private static String firstLine(Sample sample) {
        String line = sample.read().text().lines().findFirst().orElse("");
        int quote = line.indexOf('"');
        return quote < 0 ? line : line.substring(0, quote);
    }
}
