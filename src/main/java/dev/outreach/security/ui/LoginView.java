package dev.outreach.security.ui;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sign-in page; Spring Security processes the form posted to /login and comes back with
 * {@code ?error} (wrong username or password) or {@code ?throttled=<minutes>} (too many failures).
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in | Outreach Engine")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm login = new LoginForm();
    private final transient AuthenticationContext authentication;

    public LoginView(AuthenticationContext authentication) {
        this.authentication = authentication;
        addClassName("login-view");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentModeVertical();

        login.setI18n(messages("Wrong username or password", "Check them and try again. Disabled accounts cannot sign in."));
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);

        Paragraph hint = new Paragraph("First start? The admin password is printed once in the application log, "
                + "unless OUTREACH_ADMIN_PASSWORD was set.");
        hint.addClassName("login-hint");
        add(login, hint);
    }

    private static LoginI18n messages(String errorTitle, String errorMessage) {
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Outreach Engine");
        i18n.getErrorMessage().setTitle(errorTitle);
        i18n.getErrorMessage().setMessage(errorMessage);
        return i18n;
    }

    private void setJustifyContentModeVertical() {
        setJustifyContentMode(JustifyContentMode.CENTER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (authentication.isAuthenticated()) {
            event.forwardTo("");
            return;
        }
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        Optional<Integer> throttledMinutes = minutes(parameters.getOrDefault("throttled", List.of()));
        throttledMinutes.ifPresent(minutes -> login.setI18n(messages("Too many failed sign-ins",
                "Try again in " + minutes + (minutes == 1 ? " minute." : " minutes."))));
        login.setError(parameters.containsKey("error") || throttledMinutes.isPresent());
    }

    // the wait comes from the link, so only a plausible one is shown (waits are 15 minutes at most)
    private static Optional<Integer> minutes(List<String> values) {
        return values.stream().filter(value -> value.matches("[1-9][0-9]?")).map(Integer::valueOf)
                .filter(minutes -> minutes <= 60).findFirst();
    }
}
