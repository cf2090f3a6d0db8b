package dev.outreach.channel.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.outreach.channel.ChannelConfigService;
import dev.outreach.channel.contactform.ContactFormOptOuts;
import dev.outreach.security.Role;
import jakarta.annotation.security.PermitAll;

/**
 * One form per channel: admins edit limits, retries, templates and settings; operators read them.
 * Below them, the sites that opted out of contact forms.
 */
@Route("channels")
@PageTitle("Channels | Outreach Engine")
@Menu(order = 40, icon = "vaadin:connect", title = "Channels")
@PermitAll
public class ChannelsView extends VerticalLayout {

    public ChannelsView(ChannelConfigService channels, ContactFormOptOuts optOuts,
            AuthenticationContext authentication) {
        addClassName("view");
        boolean admin = authentication.hasRole(Role.ADMIN_NAME);
        add(new H2("Channels"));
        if (!admin) {
            add(new Paragraph("Read only: only admins can change channel settings."));
        }
        channels.findAll().forEach(settings -> add(new ChannelForm(channels, settings, admin)));
        add(new ContactFormOptOutsPanel(optOuts, admin));
    }
}
