package dev.outreach.console.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.ParentLayout;

import com.vaadin.flow.server.HttpStatusCode;
import jakarta.annotation.security.PermitAll;

/** Shown when a signed-in user opens a view their role does not allow (HTTP 403). */
@PermitAll
@ParentLayout(MainLayout.class)
@PageTitle("Access denied | Outreach Engine")
public class AccessDeniedView extends VerticalLayout implements HasErrorParameter<AccessDeniedException> {

    private final Paragraph detail = new Paragraph();

    public AccessDeniedView() {
        addClassName("access-denied");
        add(new H2("Access denied"), detail, new Anchor("", "Back to the console"));
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        detail.setText("Your role may not open '" + event.getLocation().getPath()
                + "'. Ask an admin if you need it.");
        return HttpStatusCode.FORBIDDEN.getCode();
    }
}
