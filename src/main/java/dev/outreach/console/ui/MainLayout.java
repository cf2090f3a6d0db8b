package dev.outreach.console.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.component.html.Anchor;
import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.deliverability.MailboxDirectory;
import dev.outreach.outreach.OutreachService;
import dev.outreach.shared.DeliveryMode;
import java.util.stream.Collectors;

/**
 * The shell around every view: product name, a side navigation that lists only the views the
 * signed-in role may open (Vaadin's menu configuration applies the views' access annotations),
 * the SANDBOX/LIVE badge, the signed-in user and sign out.
 */
@Layout
@AnonymousAllowed
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final transient AuthenticationContext authentication;
    private final transient EngineSettingsService engineSettings;
    private final transient MailboxDirectory mailboxes;
    private final transient OutreachService outreach;
    /** The review queue's route (outreach module), whose menu entry carries the count of messages in doubt. */
    private static final String REVIEW_PATH = "review";
    private final SideNav nav = new SideNav();
    private final Anchor mailboxWarning = new Anchor("deliverability", "No healthy mailbox: email is waiting");

    public MainLayout(AuthenticationContext authentication, EngineSettingsService engineSettings,
            MailboxDirectory mailboxes, OutreachService outreach) {
        this.outreach = outreach;
        this.authentication = authentication;
        this.engineSettings = engineSettings;
        this.mailboxes = mailboxes;
        mailboxWarning.getElement().setAttribute("router-link", true);
        mailboxWarning.getElement().getThemeList().add("badge error");
        mailboxWarning.addClassName("mailbox-warning");
        mailboxWarning.setVisible(false);
        setPrimarySection(Section.DRAWER);
        addToNavbar(true, new DrawerToggle(), header());
        H1 product = new H1("Outreach Engine");
        product.addClassName("product-name");
        nav.addClassName("main-nav");
        addToDrawer(product, nav);
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        nav.removeAll();
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(entry.title(), entry.path());
            if (entry.icon() != null && entry.icon().startsWith("vaadin:")) {
                item.setPrefixComponent(new Icon("vaadin", entry.icon().substring("vaadin:".length())));
            }
            if (REVIEW_PATH.equals(stripSlashes(entry.path()))) {
                reviewCount().ifPresent(count -> item.setSuffixComponent(countBadge(count)));
            }
            nav.addItem(item);
        }
        mailboxWarning.setVisible(authentication.isAuthenticated() && noHealthyMailbox());
    }

    /** Messages in doubt waiting for a person; empty for a user who may not see them, or when it cannot be told. */
    private java.util.Optional<Integer> reviewCount() {
        if (!authentication.isAuthenticated()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(outreach.reviewCount());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static Span countBadge(int count) {
        Span badge = new Span(String.valueOf(count));
        badge.getElement().getThemeList().add(count > 0 ? "badge error pill small" : "badge contrast pill small");
        badge.addClassName("review-count-badge");
        badge.getElement().setAttribute("title", count + " message(s) in doubt need a person");
        return badge;
    }

    private static String stripSlashes(String path) {
        return path == null ? "" : path.replaceAll("^/+|/+$", "");
    }

    /** The console-wide warning that email cannot go out; a failure to tell never breaks navigation. */
    private boolean noHealthyMailbox() {
        try {
            return mailboxes.preview().noneEligible();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private HorizontalLayout header() {
        DeliveryMode mode = engineSettings.deliveryMode();
        Span badge = new Span(mode.name());
        badge.getElement().getThemeList().add(mode == DeliveryMode.LIVE ? "badge error primary" : "badge success");
        badge.addClassName("delivery-mode");
        badge.getElement().setAttribute("title", mode == DeliveryMode.LIVE
                ? "LIVE: messages reach real people"
                : "SANDBOX: every channel delivers into the application; no real person is contacted");

        Span user = new Span(new Icon(VaadinIcon.USER), new Span(userLabel()));
        user.addClassName("signed-in-user");
        Button logout = new Button("Sign out", new Icon(VaadinIcon.SIGN_OUT), click -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        Div spacer = new Div();
        HorizontalLayout header = new HorizontalLayout(badge, mailboxWarning, spacer, user, logout);
        header.setFlexGrow(1, spacer);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.addClassName("navbar-content");
        return header;
    }

    private String userLabel() {
        String roles = authentication.getGrantedRoles().stream().sorted().collect(Collectors.joining(", "));
        return authentication.getPrincipalName().orElse("") + (roles.isEmpty() ? "" : " (" + roles + ")");
    }
}
