package dev.outreach.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.outreach.security.Role;
import dev.outreach.security.UserAccount;
import dev.outreach.support.KaribuTest;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UsersViewTests extends KaribuTest {

    @Test
    void adminCreatesAnOperatorWhoThenAppearsInTheGrid() {
        login("admin", Role.ADMIN);
        UI.getCurrent().navigate(UsersView.class);
        UsersView view = _get(UsersView.class);

        _click(_get(Button.class, spec -> spec.withText("New user")));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Username")), "oscar");
        _setValue(_get(PasswordField.class, spec -> spec.withLabel("Password")), "correct-horse-battery");
        _click(_get(Button.class, spec -> spec.withText("Create")));

        UserAccount oscar = IntStream.range(0, GridKt._size(view.grid)).mapToObj(i -> GridKt._get(view.grid, i))
                .filter(user -> user.username().equals("oscar")).findFirst().orElseThrow();
        assertThat(oscar.role()).isEqualTo(Role.OPERATOR);
        assertThat(oscar.enabled()).isTrue();
    }

    @Test
    void aShortPasswordIsRefusedOnTheField() {
        login("admin", Role.ADMIN);
        UI.getCurrent().navigate(UsersView.class);

        _click(_get(Button.class, spec -> spec.withText("New user")));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Username")), "pat");
        PasswordField password = _get(PasswordField.class, spec -> spec.withLabel("Password"));
        _setValue(password, "short");
        _click(_get(Button.class, spec -> spec.withText("Create")));

        assertThat(password.isInvalid()).isTrue();
        assertThat(password.getErrorMessage()).isEqualTo("Use at least 12 characters");
        assertThat(_get(Dialog.class).isOpened()).isTrue();
    }
}
