package dev.outreach.shared.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.VaadinSession;
import dev.outreach.lead.ui.LeadsView;
import dev.outreach.security.Role;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.support.KaribuTest;
import dev.outreach.support.Notifications;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.authorization.AuthorizationDeniedException;

class ConsoleErrorHandlerTests extends KaribuTest {

    @BeforeEach
    void openAView() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(LeadsView.class);
    }

    @Test
    void aDatabaseFailureShowsASentenceAndAReferenceNeverTheSql() {
        fail(new RuntimeException(new DataIntegrityViolationException(
                "could not execute statement [Check constraint invalid: \"CK_LEAD_GRADE\"]; SQL [insert into lead (grade) values (?)]")));

        assertThat(Notifications.texts()).singleElement().satisfies(text -> assertThat(text)
                .startsWith("Something went wrong and the action did not complete.")
                .containsPattern("under reference [0-9a-f]{6}\\.$")
                .doesNotContainIgnoringCase("sql").doesNotContainIgnoringCase("insert").doesNotContain("CK_LEAD_GRADE"));
    }

    @Test
    void refusedInputShowsTheReasonWithoutTheFieldKey() {
        fail(new InvalidInputException("email", "'dana.at.plumbing' is not a valid email address"));

        assertThat(Notifications.texts()).containsExactly("Not done: 'dana.at.plumbing' is not a valid email address");
    }

    @Test
    void aRefusedRoleSaysSoPlainly() {
        fail(new AuthorizationDeniedException("Access Denied"));

        assertThat(Notifications.texts()).containsExactly("You are not allowed to do this; ask an admin.");
    }

    private static void fail(Throwable failure) {
        VaadinSession.getCurrent().getErrorHandler().error(new ErrorEvent(failure));
    }
}
