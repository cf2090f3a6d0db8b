package dev.outreach.shared.ui;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** The one look of a confirmation before something that cannot be undone. */
public final class ConfirmDialogs {

    private ConfirmDialogs() {
    }

    /** Opens a cancelable dialog whose confirm button is red; {@code action} runs on confirm. */
    public static ConfirmDialog destructive(String title, String text, String confirmLabel, Runnable action) {
        ConfirmDialog dialog = new ConfirmDialog(title, text, confirmLabel, confirmed -> action.run());
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
        return dialog;
    }
}
