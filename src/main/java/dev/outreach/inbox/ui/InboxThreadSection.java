package dev.outreach.inbox.ui;

import com.vaadin.flow.component.Component;

/**
 * A part of an open inbox thread shown below its messages: the actions on the lead, the reply
 * composer. Every Spring bean of this type is a section, in {@link #order()}, so that each part
 * is written and tested on its own and the inbox view knows none of them.
 */
public interface InboxThreadSection {

    int order();

    /**
     * A fresh component for the thread. A section that changes something the thread or the list
     * shows (a label, a sent reply, a snooze) calls {@code threadChanged} so that both are redrawn.
     */
    Component create(InboxThread thread, Runnable threadChanged);
}
