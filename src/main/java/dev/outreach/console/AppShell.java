package dev.outreach.console;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/** Page-wide settings: Lumo and our own small stylesheet, both served as plain CSS (no frontend build). */
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles/outreach.css")
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Outreach Engine");
        // without an icon link every browser asks for /favicon.ico, a 404 in each page's console
        settings.addFavIcon("icon", "icons/favicon.svg", "any");
    }
}
