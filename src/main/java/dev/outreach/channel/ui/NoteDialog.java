package dev.outreach.channel.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;
import java.util.function.Consumer;

/** Asks for a short note before a task is closed as failed or skipped. */
class NoteDialog extends Dialog {

    static final int MAX_NOTE = 500;

    final TextField note = new TextField("Note");
    final Button confirm;

    NoteDialog(String title, String confirmText, Consumer<String> onConfirm) {
        setHeaderTitle(title);
        note.setPlaceholder("Why, in a few words");
        note.setMaxLength(MAX_NOTE);
        note.setWidthFull();
        note.setRequiredIndicatorVisible(true);
        confirm = new Button(confirmText, click -> {
            if (note.getValue().isBlank()) {
                note.setErrorMessage("Say briefly why");
                note.setInvalid(true);
                return;
            }
            close();
            onConfirm.accept(note.getValue().strip());
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(note);
        getFooter().add(new Button("Cancel", click -> close()), confirm);
        addOpenedChangeListener(change -> {
            if (change.isOpened()) {
                note.focus();
            }
        });
    }
}
