package dev.outreach.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.outreach.security.ApiKeyService;
import dev.outreach.security.ApiKeyService.ApiKeyInfo;
import dev.outreach.security.ApiKeyService.CreatedKey;
import dev.outreach.security.Role;
import dev.outreach.shared.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** Admins create API keys for the REST API (shown once) and revoke them. */
@Route("admin/api-keys")
@PageTitle("API keys | Outreach Engine")
@Menu(order = 91, icon = "vaadin:key-o", title = "API keys")
@RolesAllowed(Role.ADMIN_NAME)
public class ApiKeysView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
            .withLocale(Locale.US).withZone(ZoneId.systemDefault());

    private final transient ApiKeyService keys;
    final Grid<ApiKeyInfo> grid = new Grid<>(ApiKeyInfo.class, false);
    final TextField name = new TextField("Name");
    final Select<Role> role = new Select<>();
    final Button create = new Button("Create key", new Icon(VaadinIcon.PLUS));

    public ApiKeysView(ApiKeyService keys) {
        this.keys = keys;
        addClassName("view");
        setSizeFull();
        name.setPlaceholder("CRM sync");
        role.setLabel("Role");
        role.setItems(Role.values());
        role.setValue(Role.OPERATOR);
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> createKey());
        HorizontalLayout form = new HorizontalLayout(name, role, create);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        configureGrid();
        add(new H2("API keys"), new Paragraph("Keys authenticate calls to the REST API under /api/v1 "
                + "(header Authorization: Bearer <key>). The description is at /api/v1/openapi."), form, grid);
        refresh();
    }

    private void configureGrid() {
        grid.setSizeFull();
        grid.addColumn(ApiKeyInfo::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(key -> "oe_" + key.prefix() + "_…").setHeader("Key").setAutoWidth(true);
        grid.addColumn(key -> key.role().name()).setHeader("Role");
        grid.addColumn(ApiKeyInfo::createdBy).setHeader("Created by");
        grid.addColumn(key -> TIME.format(key.createdAt())).setHeader("Created");
        grid.addColumn(key -> key.lastUsedAt() == null ? "never" : TIME.format(key.lastUsedAt())).setHeader("Last used");
        grid.addComponentColumn(key -> {
            if (key.revokedAt() != null) {
                return new Paragraph("Revoked " + TIME.format(key.revokedAt()));
            }
            Button revoke = new Button("Revoke", click -> {
                try {
                    keys.revoke(key.id());
                    Notification.show("Key " + key.name() + " revoked").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                } catch (InvalidInputException alreadyRevoked) {
                    Notification.show(alreadyRevoked.errors().getFirst().message())
                            .addThemeVariants(NotificationVariant.LUMO_ERROR);
                }
                refresh();
            });
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            return revoke;
        }).setHeader("").setAutoWidth(true);
    }

    private void createKey() {
        try {
            CreatedKey created = keys.create(name.getValue(), role.getValue());
            name.clear();
            name.setInvalid(false);
            refresh();
            showOnce(created);
        } catch (InvalidInputException rejected) {
            name.setErrorMessage(rejected.errors().getFirst().message());
            name.setInvalid(true);
        }
    }

    private void showOnce(CreatedKey created) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Key " + created.info().name() + " created");
        TextField key = new TextField("Copy it now: it is not shown again");
        key.setValue(created.key());
        key.setReadOnly(true);
        key.setWidthFull();
        key.setId("created-api-key");
        dialog.add(key);
        dialog.setWidth("min(40rem, 95vw)");
        dialog.getFooter().add(new Button("Done", click -> dialog.close()));
        dialog.open();
    }

    private void refresh() {
        grid.setItems(keys.findAll());
    }
}
