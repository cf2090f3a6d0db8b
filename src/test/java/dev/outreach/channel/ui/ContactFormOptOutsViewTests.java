package dev.outreach.channel.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import dev.outreach.channel.contactform.ContactFormOptOuts.OptOut;
import dev.outreach.security.Role;
import dev.outreach.support.KaribuTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ContactFormOptOutsViewTests extends KaribuTest {

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void emptyTheList() {
        jdbc.sql("delete from contact_form_opt_out").update();
    }

    @Test
    void anAdminOptsASiteOutByAnyOfItsAddressesAndRemovesIt() {
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(ChannelsView.class);
        ContactFormOptOutsPanel panel = _get(ContactFormOptOutsPanel.class);

        _setValue(panel.domain, "https://www.Acme-Plumbing.co.uk/contact-us/");
        _setValue(panel.reason, "Owner replied: no solicitation");
        _click(panel.add);

        assertThat(jdbc.sql("select domain || ' | ' || reason || ' | ' || added_by from contact_form_opt_out")
                .query(String.class).list()).containsExactly("acme-plumbing.co.uk | Owner replied: no solicitation | ada");
        assertThat(GridKt._size(panel.grid)).isEqualTo(1);
        assertThat(GridKt._get(panel.grid, 0)).extracting(OptOut::domain).isEqualTo("acme-plumbing.co.uk");

        _click((Button) GridKt._getCellComponent(panel.grid, 0, "remove"));

        assertThat(jdbc.sql("select count(*) from contact_form_opt_out").query(Integer.class).single()).isZero();
        assertThat(GridKt._size(panel.grid)).isZero();
    }

    @Test
    void somethingThatIsNotASiteIsRefusedOnTheField() {
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(ChannelsView.class);
        ContactFormOptOutsPanel panel = _get(ContactFormOptOutsPanel.class);

        _setValue(panel.domain, "not a site");
        _click(panel.add);

        assertThat(panel.domain.isInvalid()).isTrue();
        assertThat(panel.domain.getErrorMessage()).isEqualTo("'not a site' is not a domain or web address");
        assertThat(jdbc.sql("select count(*) from contact_form_opt_out").query(Integer.class).single()).isZero();
    }

    @Test
    void operatorsReadTheListWithoutAddOrRemove() {
        jdbc.sql("insert into contact_form_opt_out (domain, reason, added_by, added_at) "
                + "values ('stop.example', 'asked', 'ada', current_timestamp)").update();
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(ChannelsView.class);
        ContactFormOptOutsPanel panel = _get(ContactFormOptOutsPanel.class);

        assertThat(GridKt._size(panel.grid)).isEqualTo(1);
        assertThat(_find(panel, Button.class, spec -> spec.withText("Opt out"))).isEmpty();
        assertThat(panel.grid.getColumnByKey("remove")).isNull();
    }
}
