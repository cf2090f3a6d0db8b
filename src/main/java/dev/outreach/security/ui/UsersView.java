package dev.outreach.security.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.outreach.security.Role;
import dev.outreach.security.UserAccount;
import dev.outreach.security.UserService;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.ui.FieldErrors;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Admins create users, change their role, reset their password and disable them. */
@Route("admin/users")
@PageTitle("Users | Outreach Engine")
@Menu(order = 90, icon = "vaadin:key", title = "Users")
@RolesAllowed(Role.ADMIN_NAME)
public class UsersView extends VerticalLayout {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
            .withLocale(Locale.US).withZone(ZoneId.systemDefault());

    private final transient UserService users;
    final Grid<UserAccount> grid = new Grid<>(UserAccount.class, false);

    public UsersView(UserService users) {
        this.users = users;
        addClassName("view");
        setSizeFull();
        Button create = new Button("New user", new Icon(VaadinIcon.PLUS), click -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        configureGrid();
        add(new HorizontalLayout(new H2("Users"), create), grid);
        refresh();
    }

    private void configureGrid() {
        grid.setSizeFull();
        grid.addColumn(UserAccount::username).setHeader("Username").setKey("username").setAutoWidth(true);
        grid.addColumn(user -> user.role().name()).setHeader("Role").setKey("role").setAutoWidth(true);
        grid.addColumn(user -> user.enabled() ? "Active" : "Disabled").setHeader("Status").setKey("status");
        grid.addColumn(user -> CREATED.format(user.createdAt())).setHeader("Created").setKey("created");
        grid.addComponentColumn(this::actions).setHeader("Actions").setAutoWidth(true);
    }

    private Component actions(UserAccount user) {
        Select<Role> role = new Select<>();
        role.setItems(Role.values());
        role.setValue(user.role());
        role.setAriaLabel("Role of " + user.username());
        role.addValueChangeListener(change -> {
            if (change.getValue() != user.role()) {
                attempt(() -> users.changeRole(user.id(), change.getValue()), "Role of " + user.username() + " changed to " + change.getValue());
            }
        });
        Button reset = new Button("Reset password", click -> openResetDialog(user));
        Button toggle = new Button(user.enabled() ? "Disable" : "Enable", click ->
                attempt(() -> users.setEnabled(user.id(), !user.enabled()),
                        user.username() + (user.enabled() ? " disabled" : " enabled")));
        if (user.enabled()) {
            toggle.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        reset.addThemeVariants(ButtonVariant.LUMO_SMALL);
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return new HorizontalLayout(role, reset, toggle);
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New user");
        TextField username = new TextField("Username");
        PasswordField password = new PasswordField("Password");
        password.setHelperText("At least 12 characters");
        Select<Role> role = new Select<>();
        role.setLabel("Role");
        role.setItems(Role.values());
        role.setValue(Role.OPERATOR);
        dialog.add(new FormLayout(username, password, role));
        Button save = new Button("Create", click -> {
            try {
                users.create(username.getValue(), password.getValue(), role.getValue());
                dialog.close();
                success("User " + username.getValue().strip() + " created");
                refresh();
            } catch (InvalidInputException rejected) {
                FieldErrors.show(java.util.Map.of("username", username, "password", password), rejected.errors());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        dialog.open();
    }

    private void openResetDialog(UserAccount user) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Reset password of " + user.username());
        PasswordField password = new PasswordField("New password");
        password.setHelperText("At least 12 characters");
        dialog.add(password);
        Button save = new Button("Reset", click -> {
            try {
                users.resetPassword(user.id(), password.getValue());
                dialog.close();
                success("Password of " + user.username() + " reset");
            } catch (InvalidInputException rejected) {
                password.setErrorMessage(rejected.errors().getFirst().message());
                password.setInvalid(true);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), save);
        dialog.open();
    }

    private void attempt(Runnable change, String successMessage) {
        try {
            change.run();
            success(successMessage);
        } catch (InvalidInputException rejected) {
            Notification.show(rejected.errors().getFirst().message()).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    private void refresh() {
        grid.setItems(users.findAll());
    }

    private static void success(String message) {
        Notification.show(message).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
