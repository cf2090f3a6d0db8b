package dev.outreach.campaign;

/**
 * "Send a test to myself" for a sequence step: the content module renders the step's template
 * on a sample lead and emails it, marked as a test. An interface here so that campaign does not
 * depend on content (content already depends on campaign through cadence).
 */
public interface StepTestSender {

    /** Emails the step's saved template, as a sample lead would get it, to {@code to}; says where it went. */
    String sendTest(SequenceConfig.Step step, String to);
}
