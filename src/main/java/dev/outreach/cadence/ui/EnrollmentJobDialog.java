package dev.outreach.cadence.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.shared.Registration;
import dev.outreach.cadence.EnrollmentJobProgress;
import dev.outreach.cadence.EnrollmentJobs;
import java.util.UUID;

/**
 * The progress of an add-by-filter job: a bar with "done of total", polled every half second
 * while the dialog is open, then the final counts (or why it stopped). Closing the dialog leaves
 * the job running; it does not depend on the browser.
 */
class EnrollmentJobDialog extends Dialog {

    static final int POLL_MILLIS = 500;

    private final transient EnrollmentJobs jobs;
    private final UUID jobId;
    private final Runnable done;
    private final ProgressBar bar = new ProgressBar();
    private final Paragraph status = new Paragraph();
    private Registration polling;

    EnrollmentJobDialog(EnrollmentJobs jobs, UUID jobId, String campaign, Runnable done) {
        this.jobs = jobs;
        this.jobId = jobId;
        this.done = done;
        setHeaderTitle("Adding leads to " + campaign);
        status.setId("enroll-job-status");
        add(bar, status);
        getFooter().add(new Button("Close", click -> close()));
        addOpenedChangeListener(event -> {
            if (!event.isOpened()) {
                stopPolling();
            }
        });
    }

    void start(UI ui) {
        open();
        ui.setPollInterval(POLL_MILLIS);
        polling = ui.addPollListener(event -> refresh());
        refresh();
    }

    /** Shows the job's progress; once it ended, its counts, and the grid refreshes. */
    void refresh() {
        EnrollmentJobProgress progress = jobs.progress(jobId);
        bar.setMax(Math.max(1, progress.total()));
        bar.setValue(Math.min(progress.done(), Math.max(1, progress.total())));
        if (!progress.finished()) {
            status.setText(String.format("%,d of %,d leads gone through: %s", progress.done(), progress.total(),
                    progress.result().summary()));
            return;
        }
        stopPolling();
        if (progress.error() == null) {
            status.setText("Done: " + progress.result().summary());
            Notification.show(progress.result().summary()).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } else {
            status.setText(progress.error() + ". So far: " + progress.result().summary());
            Notification.show(progress.error()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        done.run();
    }

    private void stopPolling() {
        if (polling != null) {
            polling.remove();
            polling = null;
            getUI().ifPresent(ui -> ui.setPollInterval(-1));
        }
    }
}
