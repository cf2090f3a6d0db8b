package dev.outreach.console.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.DetachEvent;
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
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.component.html.Anchor;
import dev.outreach.campaign.EngineSettingsService;
import dev.outreach.deliverability.MailboxDirectory;
import dev.outreach.inbox.Inbox;
import dev.outreach.shared.ui.MenuCountsChanged;
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
    private final transient Inbox inbox;
    /** The inbox's route (inbox module), whose menu entry carries the count of replies nobody has read. */
    private static final String INBOX_PATH = "inbox";
    /** The review queue's route (outreach module), whose menu entry carries the count of messages in doubt. */
    private static final String REVIEW_PATH = "review";
    private final SideNav nav = new SideNav();
    /** The Inbox entry, whose count the inbox view asks to redraw; null when the user has no inbox. */
    private SideNavItem inboxItem;
    private Registration unreadChanged;
    private final Anchor mailboxWarning = new Anchor("deliverability", "No healthy mailbox: email is waiting");

    public MainLayout(AuthenticationContext authentication, EngineSettingsService engineSettings,
            MailboxDirectory mailboxes, OutreachService outreach, Inbox inbox) {
        this.outreach = outreach;
        this.inbox = inbox;
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
        inboxItem = null;
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(entry.title(), entry.path());
            if (entry.icon() != null && entry.icon().startsWith("vaadin:")) {
                item.setPrefixComponent(new Icon("vaadin", entry.icon().substring("vaadin:".length())));
            }
            if (REVIEW_PATH.equals(stripSlashes(entry.path()))) {
                count(outreach::reviewCount).ifPresent(count -> item.setSuffixComponent(countBadge(count,
                        "review-count-badge", count + " message(s) in doubt need a person", "badge error pill small")));
            }
            if (INBOX_PATH.equals(stripSlashes(entry.path()))) {
                inboxItem = item;
                showUnreadCount();
            }
            nav.addItem(item);
        }
        mailboxWarning.setVisible(authentication.isAuthenticated() && noHealthyMailbox());
    }

    private void showUnreadCount() {
        if (inboxItem != null) {
            SideNavItem item = inboxItem;
            count(inbox::unreadCount).ifPresent(count -> item.setSuffixComponent(countBadge(count,
                    "inbox-count-badge", count + " unread repl" + (count == 1 ? "y" : "ies"), "badge primary pill small")));
        }
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        super.onAttach(attach);
        unreadChanged = ComponentUtil.addListener(attach.getUI(), MenuCountsChanged.class, changed -> showUnreadCount());
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        if (unreadChanged != null) {
            unreadChanged.remove();
            unreadChanged = null;
        }
        super.onDetach(detach);
    }

    /**
     * A menu entry's count (messages in doubt, unread replies); empty for a user who may not see
     * it (the service refuses), or when it cannot be told: a count never breaks navigation.
     */
    private java.util.Optional<Integer> count(java.util.function.IntSupplier count) {
        if (!authentication.isAuthenticated()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(count.getAsInt());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static Span countBadge(int count, String className, String title, String themeWhenAny) {
        Span badge = new Span(String.valueOf(count));
        badge.getElement().getThemeList().add(count > 0 ? themeWhenAny : "badge contrast pill small");
        badge.addClassName(className);
        badge.getElement().setAttribute("title", title);
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
