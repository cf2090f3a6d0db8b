package dev.outreach.shared;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs the {@code @Scheduled} workers: the outbox dispatcher, manual-task expiry and the others.
 * A worker that must run on one instance at a time across the cluster also carries ShedLock's
 * {@code @SchedulerLock}; the locks live in the {@code shedlock} table, timed by the database's
 * clock so that instances with skewed clocks agree.
 *
 * <p>Every lock is short ({@code outreach.scheduling.lock-at-most-for}, 2 minutes) and kept alive
 * while its job runs (ShedLock's {@link KeepAliveLockProvider} extends it every half of that), so
 * a long tick keeps its lock, and the lock of an instance killed mid-run lapses within minutes
 * instead of blocking the job cluster-wide for the longest run it might ever need.
 *
 * <p>The jobs run side by side on a pool of {@code spring.task.scheduling.pool.size} threads, one
 * per job and some to spare: with virtual threads on, Spring Boot's default scheduler runs every
 * fixed-delay job on one single thread, so an IMAP poll waiting on a silent server or a long
 * dispatch would hold up the tick, the health guard and every other job.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "${outreach.scheduling.lock-at-most-for:2m}")
class SchedulingConfiguration {

    @Bean
    ThreadPoolTaskScheduler taskScheduler(ThreadPoolTaskSchedulerBuilder builder) {
        return builder.build();
    }

    @Bean
    LockProvider lockProvider(DataSource dataSource, LockKeepAlive keepAlive) {
        return new KeepAliveLockProvider(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build()), keepAlive.executor());
    }

    @Bean
    LockKeepAlive lockKeepAlive() {
        return new LockKeepAlive();
    }

    /**
     * The thread that extends held locks; not a bean of its own, since Spring would take a
     * {@link ScheduledExecutorService} bean for the scheduler of the jobs. Stopped with the context.
     */
    static final class LockKeepAlive implements AutoCloseable {

        private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, work -> {
            Thread thread = new Thread(work, "lock-keep-alive");
            thread.setDaemon(true);
            return thread;
        });

        LockKeepAlive() {
            executor.setRemoveOnCancelPolicy(true); // a finished job's extension leaves the queue at once
        }

        ScheduledExecutorService executor() {
            return executor;
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }
}
