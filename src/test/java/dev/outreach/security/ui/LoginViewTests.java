package dev.outreach.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;
import dev.outreach.support.KaribuTest;
import org.junit.jupiter.api.Test;

class LoginViewTests extends KaribuTest {

    @Test
    void aThrottledSignInSaysHowLongToWaitNotThatThePasswordWasWrong() {
        UI.getCurrent().navigate("login", QueryParameters.of("throttled", "4"));

        LoginForm form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(shownTexts(form)).contains("\"Too many failed sign-ins\"", "\"Try again in 4 minutes.\"")
                .doesNotContain("Wrong username or password");
    }

    @Test
    void aWrongPasswordSaysSo() {
        UI.getCurrent().navigate("login", QueryParameters.of("error", ""));

        LoginForm form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(shownTexts(form)).contains("\"Wrong username or password\"").doesNotContain("Too many");
    }

    @Test
    void aMadeUpWaitInTheLinkIsNotShown() {
        UI.getCurrent().navigate("login", QueryParameters.of("throttled", "100000"));

        assertThat(_get(LoginForm.class).isError()).isFalse();
    }

    /** The texts the login form's web component is given (its i18n property). */
    private static String shownTexts(LoginForm form) {
        return String.valueOf(form.getElement().getPropertyRaw("i18n"));
    }
}
