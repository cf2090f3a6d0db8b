package dev.outreach.shared.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.UI;

/**
 * Fired on the UI by a view that changed what a menu entry counts (a reply opened or marked
 * unread in the inbox), so that the shell shows the new count without waiting for a navigation.
 */
public class MenuCountsChanged extends ComponentEvent<UI> {

    public MenuCountsChanged(UI ui) {
        super(ui, false);
    }
}
