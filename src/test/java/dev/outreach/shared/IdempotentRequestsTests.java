package dev.outreach.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.security.SystemActor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** Idempotency keys on the embedded database: replay, conflict, expiry and failed first tries. */
@SpringBootTest
@ActiveProfiles("test")
class IdempotentRequestsTests {

    record Report(int created, List<String> notes) {
    }

    @Autowired
    IdempotentRequests idempotent;
    @Autowired
    JdbcClient jdbc;

    private final String key = "key-" + System.nanoTime();
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void aReplayReturnsTheFirstAnswerWithoutRunningAgain() {
        IdempotentRequests.Answer<Report> first = once(key, Map.of("rows", 2));
        IdempotentRequests.Answer<Report> replay = once(key, Map.of("rows", 2));

        assertThat(runs).hasValue(1);
        assertThat(first.replayed()).isFalse();
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.body()).isEqualTo(first.body()).isEqualTo(new Report(1, List.of("run 1")));
    }

    @Test
    void theSameKeyForAnotherRequestIsRefusedAndRunsNothing() {
        once(key, Map.of("rows", 2));

        assertThatThrownBy(() -> once(key, Map.of("rows", 3))).isInstanceOf(IdempotencyConflict.class)
                .hasMessageContaining("already used for a different request");
        assertThat(runs).hasValue(1);
    }

    @Test
    void anExpiredKeyRunsAgainAndAFailedFirstTryStoresNothing() {
        once(key, Map.of("rows", 2));
        jdbc.sql("update idempotency_key set expires_at = expires_at - interval '25' hour where idem_key = ?").param(key).update();

        assertThat(once(key, Map.of("rows", 2)).replayed()).isFalse();
        assertThat(runs).hasValue(2);

        String failing = key + "-failing";
        assertThatThrownBy(() -> SystemActor.call(() -> idempotent.once(failing, "POST /x", Map.of(), Report.class, () -> {
            throw new InvalidInputException("rows", "bad");
        }))).isInstanceOf(InvalidInputException.class);
        assertThat(jdbc.sql("select count(*) from idempotency_key where idem_key = ?").param(failing)
                .query(Integer.class).single()).isZero();
        assertThatThrownBy(() -> once("has space", Map.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Idempotency-Key:");
    }

    private IdempotentRequests.Answer<Report> once(String key, Object request) {
        return SystemActor.call(() -> idempotent.once(key, "POST /things", request, Report.class,
                () -> new Report(1, List.of("run " + runs.incrementAndGet()))));
    }
}
