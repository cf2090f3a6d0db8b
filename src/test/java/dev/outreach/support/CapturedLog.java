package dev.outreach.support;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * What the application logs during each test, from every logger (a scheduled job that throws is
 * logged by Spring's scheduler, not by us), so that a test can say the run finished quietly.
 * Register it with {@code @RegisterExtension}.
 */
public final class CapturedLog implements BeforeEachCallback, AfterEachCallback {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<String> ignored = new ArrayList<>();

    /** Leaves out what loggers under {@code prefix} say: a test's own servers, not the application. */
    public CapturedLog ignoring(String prefix) {
        ignored.add(prefix);
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        appender.list.clear();
        appender.start();
        root.addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        root.detachAppender(appender);
        appender.stop();
    }

    /** Every WARN and ERROR so far, as "LEVEL logger: message" with the stack trace if any. */
    public List<String> warnings() {
        synchronized (appender) { // the lock AppenderBase.doAppend holds
            return appender.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                    .filter(event -> ignored.stream().noneMatch(event.getLoggerName()::startsWith))
                    .map(CapturedLog::describe).toList();
        }
    }

    /** Every event so far, at any level the loggers let through, that came with a stack trace. */
    public List<String> stackTraces() {
        synchronized (appender) {
            return appender.list.stream().filter(event -> event.getThrowableProxy() != null)
                    .filter(event -> ignored.stream().noneMatch(event.getLoggerName()::startsWith))
                    .map(CapturedLog::describe).toList();
        }
    }

    /** Fails naming every WARN and ERROR logged so far. */
    public void assertNoWarnings() {
        assertThat(warnings()).as("WARN and ERROR in the log").isEmpty();
    }

    private static String describe(ILoggingEvent event) {
        String line = event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage();
        return event.getThrowableProxy() == null ? line : line + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
    }
}
