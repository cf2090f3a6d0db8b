package dev.outreach.lead.ui;

import com.vaadin.flow.component.html.Span;
import dev.outreach.lead.Grade;

/** A lead's grade as a small colored letter. */
class GradeBadge extends Span {

    GradeBadge(Grade grade) {
        super(grade.name());
        addClassNames("grade-badge", "grade-" + grade.name());
        getElement().setAttribute("title", "Grade " + grade.name());
    }
}
