package dev.outreach.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.shared.ChannelType;
import dev.outreach.shared.MessageStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutboxDispatcherSlicesTests {

    private static List<OutreachMessage> messages(int count) {
        Instant now = Instant.now();
        return IntStream.range(0, count).mapToObj(i -> new OutreachMessage(UUID.randomUUID(), i, null, 0, "cold_outreach",
                null, "Subject", "Body", MessageStatus.SENDING, null, null, null, false, now, null, now, null, 0, null,
                ChannelType.EMAIL)).toList();
    }

    @Test
    void aBatchIsDealtOutRoundRobinWithEveryMessageInExactlyOneSlice() {
        List<OutreachMessage> batch = messages(10);

        List<List<OutreachMessage>> slices = OutboxDispatcher.slices(batch, 4);

        assertThat(slices).extracting(List::size).containsExactly(3, 3, 2, 2);
        assertThat(slices.getFirst()).containsExactly(batch.get(0), batch.get(4), batch.get(8));
        assertThat(slices.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(batch);
    }

    @Test
    void neverMoreSlicesThanMessages() {
        assertThat(OutboxDispatcher.slices(messages(2), 4)).hasSize(2);
        assertThat(OutboxDispatcher.slices(messages(1), 1)).hasSize(1);
    }
}
