package dev.outreach.lead.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.outreach.campaign.CampaignService;
import dev.outreach.campaign.CampaignSummary;
import dev.outreach.lead.ColumnMapping;
import dev.outreach.lead.CsvPreview;
import dev.outreach.lead.ImportOptions;
import dev.outreach.lead.ImportOptions.Duplicates;
import dev.outreach.lead.ImportOptions.InvalidRows;
import dev.outreach.lead.ImportReport;
import dev.outreach.lead.ImportReport.LineProblem;
import dev.outreach.lead.LeadField;
import dev.outreach.lead.LeadImportService;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.Wording;
import jakarta.annotation.security.PermitAll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;

/**
 * CSV import in four steps: upload, map headers to fields (guessed, editable) with a preview,
 * check (a validation report with line numbers), then import with the operator's choices and
 * a progress bar. The import runs in the background; the page polls for progress.
 */
@Route("leads/import")
@PageTitle("Import leads | Outreach Engine")
@Menu(order = 11, icon = "vaadin:upload", title = "Import leads")
@PermitAll
public class LeadImportView extends VerticalLayout {

    private static final int POLL_MILLIS = 500;
    private static final Logger log = LoggerFactory.getLogger(LeadImportView.class);

    private final transient LeadImportService importer;
    private final transient Executor executor;
    private final transient List<CampaignSummary> campaigns;

    final Upload upload;
    final FormLayout mappingForm = new FormLayout();
    final Grid<List<String>> preview = new Grid<>();
    final Button check = new Button("Check file");
    final Paragraph checkSummary = new Paragraph();
    final Grid<LineProblem> problems = problemGrid("Problem", "import-problems");
    final Grid<LineProblem> warnings = problemGrid("Left empty because", "import-warnings");
    private final H4 problemsHeading = new H4("Errors: these rows are not imported");
    private final H4 warningsHeading = new H4("Warnings: these rows are imported with a value left empty");
    final RadioButtonGroup<InvalidRows> invalidRows = new RadioButtonGroup<>("Rows with errors");
    final RadioButtonGroup<Duplicates> duplicates = new RadioButtonGroup<>("Leads that already exist");
    final ComboBox<CampaignSummary> campaign = new ComboBox<>("Enroll the leads in campaign (optional)");
    final Button importButton = new Button("Import");
    final ProgressBar progress = new ProgressBar();
    final Paragraph result = new Paragraph();
    private final H3 columnsHeading = new H3("Columns");

    private transient Path file;
    private ColumnMapping mapping;
    private ImportReport checked;
    private volatile CompletableFuture<Void> running;

    public LeadImportView(LeadImportService importer, CampaignService campaigns,
            @Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
        this.importer = importer;
        this.executor = executor;
        this.campaigns = campaigns.findAll();
        addClassName("view");
        upload = new Upload(UploadHandler.toTempFile((metadata, tempFile) -> uploaded(metadata.fileName(), tempFile.toPath())));
        upload.setAcceptedFileTypes("text/csv", ".csv");
        upload.setMaxFiles(1);
        upload.setDropLabel(new com.vaadin.flow.component.html.Span("Drop a CSV file here (UTF-8, first line = headers)"));
        configureSteps();
        add(new RouterLink("← All leads", LeadsView.class), new H2("Import leads from CSV"), upload,
                columnsHeading, mappingForm, preview, check, checkSummary, problemsHeading, problems, warningsHeading,
                warnings,
                new H3("Import"), new HorizontalLayout(invalidRows, duplicates, campaign), importButton, progress, result);
        showStep(false);
    }

    private void configureSteps() {
        preview.setAllRowsVisible(true);
        check.addClickListener(click -> runCheck());
        showProblems(null);

        invalidRows.setItems(InvalidRows.values());
        invalidRows.setItemLabelGenerator(choice -> choice == InvalidRows.IMPORT_VALID_ONLY
                ? "Import the valid rows, skip the bad ones" : "Import nothing if any row has an error");
        invalidRows.setValue(InvalidRows.IMPORT_VALID_ONLY);
        duplicates.setItems(Duplicates.values());
        duplicates.setItemLabelGenerator(choice -> choice == Duplicates.SKIP
                ? "Skip them" : "Update them with the file's values");
        duplicates.setValue(Duplicates.SKIP);
        campaign.setItems(campaigns);
        campaign.setItemLabelGenerator(CampaignSummary::name);
        campaign.setClearButtonVisible(true);
        campaign.setTooltipText("New and updated leads start at their first touch on the next sequencer tick; leads"
                + " without an email address, or already in the campaign, are left as they are.");

        importButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        importButton.addClickListener(click -> startImport());
        progress.setVisible(false);
    }

    private void uploaded(String fileName, Path tempFile) {
        deleteFile();
        file = tempFile;
        try {
            CsvPreview csv = importer.preview(tempFile);
            mapping = csv.guessedMapping();
            showPreview(csv);
            checkSummary.setText("Uploaded " + fileName + ". Check the column mapping, then press \"Check file\".");
            checked = null;
            showProblems(null);
            result.setText("");
            showStep(true);
        } catch (InvalidInputException e) {
            error(sentences(e));
            showStep(false);
        }
    }

    private void showPreview(CsvPreview csv) {
        mappingForm.removeAll();
        preview.removeAllColumns();
        for (int i = 0; i < csv.headers().size(); i++) {
            String header = csv.headers().get(i);
            Select<LeadField> field = new Select<>();
            field.setLabel(header);
            field.setItems(LeadField.values());
            field.setEmptySelectionAllowed(true);
            field.setEmptySelectionCaption("(ignore this column)");
            field.setItemLabelGenerator(f -> f == null ? "(ignore this column)" : f.label());
            field.setValue(mapping.fieldFor(header).orElse(null));
            field.addValueChangeListener(change -> {
                mapping = mapping.with(header, change.getValue());
                checked = null;
            });
            mappingForm.add(field);
            int column = i;
            preview.addColumn(row -> column < row.size() ? row.get(column) : "").setHeader(header).setAutoWidth(true);
        }
        preview.setItems(csv.firstRows());
    }

    private void runCheck() {
        try {
            checked = importer.check(file, mapping);
            checkSummary.setText(Wording.count(checked.totalRows(), "row") + String.format(Locale.US,
                    ": %,d valid, %,d with errors, ", checked.validRows(), checked.invalidRows())
                    + Wording.count(checked.duplicateRows(), "already exists as a lead.", "already exist as leads.")
                    + warnedRows(checked));
            showProblems(checked);
        } catch (InvalidInputException e) {
            error(sentences(e));
        }
    }

    private void startImport() {
        if (checked == null) {
            runCheck();
            if (checked == null) {
                return;
            }
        }
        UI ui = UI.getCurrent();
        int total = Math.max(1, checked.totalRows());
        ImportOptions options = new ImportOptions(invalidRows.getValue(), duplicates.getValue(), "CSV",
                campaign.getValue() == null ? null : campaign.getValue().id(), campaign.getValue() != null);
        Path importing = file;
        ColumnMapping importMapping = mapping;
        importButton.setEnabled(false);
        check.setEnabled(false);
        progress.setVisible(true);
        progress.setValue(0);
        result.setText("Importing…");
        ui.setPollInterval(POLL_MILLIS);
        running = CompletableFuture.runAsync(new DelegatingSecurityContextRunnable(() -> {
            try {
                ImportReport report = importer.importLeads(importing, importMapping, options,
                        rows -> ui.access(() -> progress.setValue(Math.min(1.0, rows / (double) total))));
                ui.access(() -> finished(report, options.enroll()));
            } catch (RuntimeException e) {
                ui.access(() -> failed(e));
            }
        }), executor);
    }

    private void finished(ImportReport report, boolean enrolling) {
        UI.getCurrent().setPollInterval(-1);
        progress.setValue(1);
        String text = report.committed()
                ? "Imported: " + Wording.count(report.created(), "new lead") + String.format(Locale.US, ", %,d updated, ",
                        report.updated()) + Wording.count(report.skippedDuplicates(), "duplicate") + " skipped, "
                        + Wording.count(report.invalidRows(), "row") + " with errors skipped."
                : "Nothing was imported: " + Wording.count(report.invalidRows(), "row has errors", "rows have errors")
                        + " (see the list above).";
        if (report.committed() && enrolling) {
            text += String.format(Locale.US, " %,d enrolled in the campaign's sequence.", report.enrolled());
        }
        if (report.committed()) {
            text += warnedRows(report);
        }
        result.setText(text);
        showProblems(report);
        Notification notification = Notification.show(text);
        notification.addThemeVariants(report.committed() ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_WARNING);
        importButton.setEnabled(true);
        check.setEnabled(true);
    }

    private void failed(RuntimeException e) {
        UI.getCurrent().setPollInterval(-1);
        progress.setVisible(false);
        // Only our own messages are for the operator; anything else (a database's SQL) goes to the log.
        if (e instanceof InvalidInputException invalid) {
            result.setText("Import failed, nothing was imported: " + sentences(invalid));
        } else {
            log.error("CSV import failed; nothing was imported", e);
            result.setText("Import failed, nothing was imported: an unexpected error, whose details are in the"
                    + " application log. Check the file and import it again.");
        }
        error(result.getText());
        importButton.setEnabled(true);
        check.setEnabled(true);
    }

    private static Grid<LineProblem> problemGrid(String messageHeader, String className) {
        Grid<LineProblem> grid = new Grid<>(LineProblem.class, false);
        grid.addColumn(LineProblem::line).setHeader("Line").setWidth("6em").setFlexGrow(0);
        grid.addColumn(p -> p.column() == null ? "" : p.column()).setHeader("Column").setAutoWidth(true);
        grid.addColumn(LineProblem::message).setHeader(messageHeader).setFlexGrow(1);
        grid.addClassName(className);
        return grid;
    }

    /** The errors and warnings of a check or an import, each list shown only when it has lines. */
    private void showProblems(ImportReport report) {
        List<LineProblem> errors = report == null ? List.of() : report.problems();
        List<LineProblem> kept = report == null ? List.of() : report.warnings();
        problems.setItems(errors);
        warnings.setItems(kept);
        problems.setVisible(!errors.isEmpty());
        problemsHeading.setVisible(!errors.isEmpty());
        warnings.setVisible(!kept.isEmpty());
        warningsHeading.setVisible(!kept.isEmpty());
    }

    private static String warnedRows(ImportReport report) {
        if (report.warnedRows() == 0) {
            return "";
        }
        return String.format(Locale.US, " %,d %s a value left empty (see the warnings).", report.warnedRows(),
                report.warnedRows() == 1 ? "row has" : "rows have");
    }

    /** For tests: the background import, if one was started. */
    CompletableFuture<Void> running() {
        return running;
    }

    private void showStep(boolean uploadedFile) {
        columnsHeading.setVisible(uploadedFile);
        mappingForm.setVisible(uploadedFile);
        preview.setVisible(uploadedFile);
        check.setVisible(uploadedFile);
        invalidRows.setEnabled(uploadedFile);
        duplicates.setEnabled(uploadedFile);
        campaign.setEnabled(uploadedFile);
        importButton.setEnabled(uploadedFile);
    }

    /** What the service refused, without its internal field names. */
    private static String sentences(InvalidInputException e) {
        return String.join(" ", e.errors().stream().map(dev.outreach.shared.FieldError::message).toList());
    }

    private static void error(String message) {
        Notification.show(message).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        super.onDetach(detachEvent);
        if (running == null || running.isDone()) {
            deleteFile();
        } else {
            running.whenComplete((ok, error) -> deleteFile());
        }
    }

    private void deleteFile() {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // the OS cleans its temp directory; nothing depends on this file any more
        }
    }
}
