package dev.outreach.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A listener of a cross-module effect: it runs right after the publishing transaction commits,
 * on the publisher's thread (so a webhook or the unsubscribe page answers once the effect is
 * done), in a transaction of its own. Spring Modulith's event publication registry stores one
 * publication per listener in the publishing transaction and deletes it when the listener
 * completes; one that failed, or was cut off by a crash, is run again when the application
 * restarts, so a listener must be idempotent. Published outside a transaction, it runs at once.
 */
@Transactional(propagation = Propagation.REQUIRES_NEW)
@TransactionalEventListener(fallbackExecution = true)
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AfterCommitEffect {
}
