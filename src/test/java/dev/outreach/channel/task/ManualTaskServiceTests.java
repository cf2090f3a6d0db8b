package dev.outreach.channel.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.channel.ManualTaskCompleted;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.JobRuns;
import dev.outreach.shared.MessageStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest
@ActiveProfiles("test")
@RecordApplicationEvents
class ManualTaskServiceTests {

    @Autowired
    ManualTaskService tasks;
    @Autowired
    ManualTaskRepository repository;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;
    @Autowired
    JobRuns jobs;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anOperatorClosesATaskAndTheOutcomeIsPublishedWithWhoDidIt() {
        long id = linkedInTask();

        ManualTaskView closed = asOperator("olivia", () -> tasks.complete(id, MessageStatus.SENT, "  pasted it  "));

        assertThat(closed.status()).isEqualTo(ManualTaskStatus.SENT);
        assertThat(closed.completedBy()).isEqualTo("olivia");
        assertThat(closed.outcome()).isEqualTo("pasted it");
        assertThat(completions(id)).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo(MessageStatus.SENT);
            assertThat(event.channel()).isEqualTo(ChannelType.LINKEDIN);
            assertThat(event.completedBy()).isEqualTo("olivia");
            assertThat(event.note()).isEqualTo("pasted it");
        });
        assertThat(asOperator("olivia", () -> tasks.open(ChannelType.LINKEDIN, 1000)))
                .extracting(ManualTaskView::id).doesNotContain(id);
    }

    @Test
    void aClosedTaskCannotBeClosedAgain() {
        long id = linkedInTask();
        asOperator("olivia", () -> tasks.complete(id, MessageStatus.SKIPPED, "wrong person"));

        assertThatThrownBy(() -> asOperator("oscar", () -> tasks.complete(id, MessageStatus.SENT, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("status"))
                .hasMessageContaining("already closed as skipped by olivia");
        assertThat(completions(id)).hasSize(1);
        assertThat(status(id)).isEqualTo("SKIPPED");
    }

    @Test
    void onlySentFailedOrSkippedCloseATask() {
        long id = linkedInTask();

        assertThatThrownBy(() -> asOperator("olivia", () -> tasks.complete(id, MessageStatus.DELIVERED, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("outcome"));
        assertThat(status(id)).isEqualTo("OPEN");
    }

    @Test
    void aTaskLeftOpenPastItsDeadlineExpiresAsFailed() {
        long id = linkedInTask();
        Instant created = repository.findById(id).orElseThrow().view().createdAt();

        expiryAt(created.plus(Duration.ofHours(71))).expireOverdue();
        assertThat(status(id)).isEqualTo("OPEN");
        int expired = expiryAt(created.plus(Duration.ofHours(72)).plusSeconds(1)).expireOverdue();

        assertThat(expired).isPositive();
        ManualTaskView task = repository.findById(id).orElseThrow().view();
        assertThat(task.status()).isEqualTo(ManualTaskStatus.FAILED);
        assertThat(task.outcome()).isEqualTo("left open past its deadline");
        assertThat(task.completedBy()).isEqualTo(SystemActor.NAME);
        assertThat(completions(id)).singleElement()
                .satisfies(event -> assertThat(event.outcome()).isEqualTo(MessageStatus.FAILED));
    }

    @Test
    void theQueuesNeedASignedInOperatorOrAdmin() {
        linkedInTask();

        assertThatThrownBy(() -> tasks.open(ChannelType.LINKEDIN, 10))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThat(asOperator("olivia", () -> tasks.open(ChannelType.LINKEDIN, 10))).isNotEmpty();
    }

    @Test
    void aTextTooLongForATaskIsRefusedNamingTheField() {
        assertThatThrownBy(() -> SystemActor.call(() -> tasks.create(null, leadId(), ChannelType.LINKEDIN,
                ManualTaskType.DIRECT_MESSAGE, "x".repeat(4001), null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("text"));
    }

    private ManualTaskService expiryAt(Instant now) {
        return new ManualTaskService(repository, publisher, transaction, Clock.fixed(now, ZoneOffset.UTC),
                new ManualTaskProperties(Duration.ofHours(72)), jobs);
    }

    private long linkedInTask() {
        return SystemActor.call(() -> tasks.create(null, leadId(), ChannelType.LINKEDIN,
                ManualTaskType.CONNECTION_REQUEST, "Hi, glad to connect", "https://www.linkedin.com/in/jane-doe"));
    }

    private long leadId() {
        return jdbc.sql("select min(id) from lead").query(Long.class).single();
    }

    private String status(long id) {
        return jdbc.sql("select status from manual_task where id = :id").param("id", id).query(String.class).single();
    }

    private List<ManualTaskCompleted> completions(long taskId) {
        return events.stream(ManualTaskCompleted.class).filter(event -> event.taskId() == taskId).toList();
    }

    private static <T> T asOperator(String name, Supplier<T> work) {
        var authorities = List.of(new SimpleGrantedAuthority(Role.OPERATOR.authority()));
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null, authorities));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
