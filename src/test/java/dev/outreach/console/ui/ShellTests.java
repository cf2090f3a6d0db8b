package dev.outreach.console.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertOne;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNavItem;
import dev.outreach.lead.ui.LeadsView;
import dev.outreach.security.Role;
import dev.outreach.security.UserService;
import dev.outreach.security.ui.LoginView;
import dev.outreach.security.ui.UsersView;
import dev.outreach.support.KaribuTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

class ShellTests extends KaribuTest {

    @Autowired
    UserService users;

    @Test
    void anonymousVisitorsAreSentToTheLoginView() {
        UI.getCurrent().navigate(LeadsView.class);

        _assertOne(LoginView.class);
        _assertNone(LeadsView.class);
    }

    @Test
    void operatorMenuListsLeadsButNotUsers() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(LeadsView.class);

        assertThat(menuLabels()).contains("Leads", "Import leads").doesNotContain("Users");
    }

    @Test
    void adminMenuListsUsers() {
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(LeadsView.class);

        assertThat(menuLabels()).contains("Leads", "Users");
    }

    @Test
    void operatorNavigatingToUsersSeesAccessDenied() {
        login("olivia", Role.OPERATOR);

        UI.getCurrent().navigate(UsersView.class);

        _assertOne(AccessDeniedView.class);
        _assertNone(UsersView.class);
    }

    @Test
    void userServiceRefusesOperatorsEvenWithoutTheView() {
        login("olivia", Role.OPERATOR);

        assertThatThrownBy(() -> users.findAll()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.create("mallory", "a-long-enough-password", Role.ADMIN))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void shellShowsTheSignedInUserAndTheSandboxBadge() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(LeadsView.class);

        assertThat(_get(Span.class, spec -> spec.withClasses("delivery-mode")).getText()).isEqualTo("SANDBOX");
        assertThat(_get(Span.class, spec -> spec.withClasses("signed-in-user")).getElement().getTextRecursively())
                .contains("olivia").contains("OPERATOR");
    }

    private static List<String> menuLabels() {
        return _find(SideNavItem.class).stream().map(SideNavItem::getLabel).toList();
    }
}
