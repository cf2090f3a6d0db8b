package dev.outreach.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The subject and the References chain of a reply from the console. */
class ConsoleRepliesTests {

    @Test
    void theSubjectIsReAndTheirsWithoutAnyReplyPrefixOfTheirOwn() {
        assertThat(ConsoleReplies.subject("Spring tune-ups", "ignored")).isEqualTo("Re: Spring tune-ups");
        assertThat(ConsoleReplies.subject("Re: Spring tune-ups", null)).isEqualTo("Re: Spring tune-ups");
        assertThat(ConsoleReplies.subject("RE: Re: re[2]: Spring tune-ups", null)).isEqualTo("Re: Spring tune-ups");
        assertThat(ConsoleReplies.subject("AW: Antw: SV: Réf. : Spring tune-ups", null)).isEqualTo("Re: Spring tune-ups");
        assertThat(ConsoleReplies.subject("Fwd: Spring tune-ups", null)).isEqualTo("Re: Fwd: Spring tune-ups");
        assertThat(ConsoleReplies.subject("Reply hazard\r\nBcc: x@y.z", null)).isEqualTo("Re: Reply hazard Bcc: x@y.z");
    }

    @Test
    void withoutTheirSubjectTheReplyAnswersOurs() {
        assertThat(ConsoleReplies.subject("  ", "Quick question about Lee Heating")).isEqualTo(
                "Re: Quick question about Lee Heating");
        assertThat(ConsoleReplies.subject(null, "Re: Lee Heating")).isEqualTo("Re: Lee Heating");
    }

    @Test
    void aLongThreadKeepsItsFirstIdAndTheNewestThatFit() {
        List<String> chain = new ArrayList<>(IntStream.range(0, 60)
                .mapToObj(i -> "<message-" + i + "-aaaaaaaaaaaaaaaaaaaa@mail.example>").toList());

        List<String> kept = ConsoleReplies.trimmed(chain);

        assertThat(String.join(" ", kept).length()).isLessThanOrEqualTo(ConsoleReplies.MAX_REFERENCES);
        assertThat(kept.getFirst()).isEqualTo(chain.getFirst());
        assertThat(kept.getLast()).isEqualTo(chain.getLast());
        assertThat(kept.subList(1, kept.size())).isEqualTo(chain.subList(chain.size() - kept.size() + 1, chain.size()));
        assertThat(ConsoleReplies.trimmed(chain.subList(0, 3))).isEqualTo(chain.subList(0, 3));
    }
}
