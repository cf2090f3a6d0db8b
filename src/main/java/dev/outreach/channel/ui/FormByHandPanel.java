package dev.outreach.channel.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.outreach.channel.contactform.FormByHand;
import dev.outreach.channel.task.ManualTaskView;
import java.util.ArrayList;
import java.util.List;

/**
 * The selected contact-form task laid out for copy and paste: the page to open and one read-only
 * field per form field, under the label the page shows. Everything here comes from the site or
 * the lead: set as component text and values, never as HTML.
 */
class FormByHandPanel extends VerticalLayout {

    final Span page = new Span();
    final List<Component> values = new ArrayList<>();

    FormByHandPanel() {
        addClassName("form-by-hand");
        setPadding(false);
        show(null);
    }

    void show(ManualTaskView task) {
        removeAll();
        values.clear();
        if (task == null) {
            add(new Paragraph("Select a task to see the values to paste into the form."));
            return;
        }
        FormByHand form = FormByHand.fromTaskText(task.link(), task.text());
        add(new H3("Fill in by hand"), pageLink(form.pageUrl()),
                new Paragraph("Solve the " + (form.captcha().isBlank() ? "CAPTCHA" : form.captcha())
                        + " yourself, paste each value, submit, then mark the task."));
        for (FormByHand.Field field : form.fields()) {
            Component value = field.value().contains("\n") ? area(field) : line(field);
            values.add(value);
            add(value);
        }
    }

    private Component pageLink(String url) {
        page.setText(url == null ? "" : url);
        return ManualTaskGrid.safeLink(url).<Component>map(href -> {
            Anchor anchor = new Anchor(href.toString(), url);
            anchor.setTarget(AnchorTarget.BLANK);
            anchor.getElement().setAttribute("rel", "noopener noreferrer");
            return anchor;
        }).orElse(page);
    }

    private static TextField line(FormByHand.Field field) {
        TextField value = new TextField(field.label());
        value.setValue(field.value());
        value.setReadOnly(true);
        value.setWidthFull();
        return value;
    }

    private static TextArea area(FormByHand.Field field) {
        TextArea value = new TextArea(field.label());
        value.setValue(field.value());
        value.setReadOnly(true);
        value.setWidthFull();
        return value;
    }
}
