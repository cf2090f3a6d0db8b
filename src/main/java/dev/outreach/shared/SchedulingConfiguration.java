package dev.outreach.shared;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
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
 * <p>The jobs run side by side on a pool of {@code spring.task.scheduling.pool.size} threads, one
 * per job and some to spare: with virtual threads on, Spring Boot's default scheduler runs every
 * fixed-delay job on one single thread, so an IMAP poll waiting on a silent server or a long
 * dispatch would hold up the tick, the health guard and every other job.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class SchedulingConfiguration {

    @Bean
    ThreadPoolTaskScheduler taskScheduler(ThreadPoolTaskSchedulerBuilder builder) {
        return builder.build();
    }

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }
}
