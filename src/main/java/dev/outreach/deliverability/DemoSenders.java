package dev.outreach.deliverability;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo sending setup for the embedded mode: three sending domains with three mailboxes each.
 * Their SMTP servers are under {@code .example}, a top-level domain reserved so that it never
 * resolves: in SANDBOX mode mail goes to the in-process sandbox server anyway, and in LIVE mode
 * a demo mailbox cannot reach anyone. The settings are valid, so admins can edit the demo mailboxes.
 */
@Component
public class DemoSenders {

    static final List<String> DOMAINS = List.of("getsummitreach.example", "trytradeflow.example", "hearfromfieldpro.example");
    private static final List<String> PEOPLE = List.of("alex", "jordan", "sam");

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DemoSenders.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    DemoSenders(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Creates the demo domains and mailboxes unless a sending domain exists already. */
    @Transactional
    public void createIfNoneExist() {
        Integer domains = jdbc.sql("select count(*) from sending_domain").query(Integer.class).single();
        if (domains > 0) {
            return;
        }
        log.info("Demo data: {} mailboxes over {} sending domains", DOMAINS.size() * PEOPLE.size(), DOMAINS.size());
        Timestamp now = Timestamp.from(clock.instant());
        LocalDate warmupStart = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(21);
        for (String domain : DOMAINS) {
            jdbc.sql("insert into sending_domain (domain, status, daily_cap, created_at, updated_at) values (?, 'ACTIVE', 300, ?, ?)")
                    .params(domain, now, now).update();
            long domainId = jdbc.sql("select id from sending_domain where domain = ?").param(domain).query(Long.class).single();
            for (String person : PEOPLE) {
                jdbc.sql("""
                        insert into mailbox (address, display_name, domain_id, smtp_host, smtp_port, smtp_security,
                                             daily_cap, warmup_start_volume, warmup_daily_increase, warmup_started_on,
                                             active, created_at, updated_at)
                        values (?, ?, ?, ?, 587, 'STARTTLS', 50, 10, 5, ?, true, ?, ?)
                        """)
                        .params(person + "@" + domain, capitalize(person) + " from " + brand(domain), domainId,
                                "smtp." + domain, warmupStart, now, now)
                        .update();
            }
        }
    }

    private static String brand(String domain) {
        return capitalize(domain.substring(0, domain.indexOf('.')));
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
