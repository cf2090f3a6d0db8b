package dev.outreach.cadence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outreach.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link CadenceContract} on PostgreSQL: the tick's arrays, locking and interval arithmetic as production runs them. */
@Import(MutableClock.Config.class)
@TestPropertySource(properties = {"outreach.cadence.tick-enabled=false", "outreach.dispatch.enabled=false"})
class SequencerTickPostgresIntegrationTests extends PostgresIntegrationTest implements CadenceContract {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    SequencerTick tick;
    @Autowired
    RecontactWorker recontact;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void theOutboxCopyLeavesThePlanCacheModeOfTheTransactionAsItFoundIt() {
        long lead = lead("plans", null);
        enrollment(lead, null, 0, null);

        String mode = transaction.execute(status -> {
            tick.tick();
            return jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single();
        });

        assertThat(messages(lead)).hasSize(1);
        assertThat(mode).as("the pool's setting, which the leads grid relies on, after the COPY that sets auto")
                .isEqualTo("force_custom_plan");
    }

    @Override
    public JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public SequencerTick tick() {
        return tick;
    }

    @Override
    public RecontactWorker recontact() {
        return recontact;
    }
}
