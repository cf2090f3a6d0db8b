package dev.outreach.support;

import org.springframework.core.Ordered;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Closes a test class's Spring context once the class has run, when the build asks for it
 * ({@code -Doutreach.test.one-context-at-a-time=true}, set for the integration tests). They all
 * run in one JVM, one class after the other; nearly each class configures the application its
 * own way, so a context is rarely shared, and a cached one would keep its schedulers, pools and
 * servers running beside the next class's context (on the same PostgreSQL schema). The unit and
 * Karibu tests leave the property unset and share their one context as Spring caches it.
 */
public class OneContextAtATime implements TestExecutionListener, Ordered {

    static final String PROPERTY = "outreach.test.one-context-at-a-time";

    @Override
    public void afterTestClass(TestContext testContext) {
        if (Boolean.getBoolean(PROPERTY) && testContext.hasApplicationContext()) {
            testContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
        }
    }

    /** After Spring's own listeners, so that a class's {@code @DirtiesContext} is handled first. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
