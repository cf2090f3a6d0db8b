package dev.outreach.cadence;

import dev.outreach.support.PostgresIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

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
