package dev.outreach.channel.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.router.QueryParameters;
import dev.outreach.channel.ChannelConfigService;
import dev.outreach.channel.ChannelSettings;
import dev.outreach.channel.contactform.ContactFormPreviewService;
import dev.outreach.channel.contactform.FieldVerdict;
import dev.outreach.lead.LeadDraft;
import dev.outreach.lead.LeadService;
import dev.outreach.lead.ui.LeadDetailView;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.support.KaribuTest;
import dev.outreach.support.PreviewSite;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The contact-form preview screen against a real page on 127.0.0.1, as an operator sees it. Its
 * context is its own (the URL guard allows the site), hence an IntegrationTests class: one JVM.
 */
class ContactFormPreviewViewIntegrationTests extends KaribuTest {

    private static final PreviewSite site = new PreviewSite();

    @Autowired
    ChannelConfigService channels;
    @Autowired
    LeadService leads;
    @Autowired
    ContactFormPreviewService previews;

    private ChannelSettings original;

    @DynamicPropertySource
    static void allowTheSite(DynamicPropertyRegistry registry) {
        registry.add("outreach.contact-form.allowed-hosts", site::hostPort);
    }

    @AfterAll
    static void stopSite() {
        site.close();
    }

    @BeforeEach
    void senderIdentity() {
        original = SystemActor.call(() -> channels.get(ChannelType.CONTACT_FORM));
        Map<String, String> settings = new HashMap<>(original.settings());
        settings.put("from_name", "Sam Seller");
        settings.put("from_email", "sam@outreach.example");
        SystemActor.call(() -> channels.update(new ChannelSettings(ChannelType.CONTACT_FORM, original.enabled(),
                original.maxPerHour(), original.maxPerDay(), original.maxPerLead(), original.maxRetries(),
                original.retryBackoffHours(), original.templates(), settings, null, null)));
    }

    @AfterEach
    void restore() {
        SystemActor.call(() -> channels.update(original));
    }

    @Test
    void anOperatorPastesAUrlAndSeesEachFieldWithItsRoleAndValueWithoutSubmitting() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(ContactFormPreviewView.class);
        ContactFormPreviewView view = _get(ContactFormPreviewView.class);

        _setValue(view.url, site.url("/go-to-contact"));
        _click(view.preview);

        assertThat(view.pages.getChildren().map(item -> ((ListItem) item).getText()).toList())
                .containsExactly(site.url("/go-to-contact"), site.url("/contact"));
        assertThat(view.verdict.getText())
                .isEqualTo("Would submit: POST " + site.url("/contact/send") + " (application/x-www-form-urlencoded)");
        assertThat(view.captcha.getText()).isEqualTo("CAPTCHA: none found");
        assertThat(view.valuesOf.getText()).contains("a sample lead (Alexandra Vandenberghe)");
        List<String> rows = rows(view);
        assertThat(rows).contains(
                "Your <b>name</b> | your-name | name | Sam Seller",
                "Email | your-email | email | sam@outreach.example",
                "Leave this field empty | website | honeypot | ",
                "_token | _token | hidden | abc123");
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith("How can we help? | your-message | message | ")
                .contains("Hello Northwind Logistics International team,"));
        assertThat(site.requests()).as("nothing was submitted").noneMatch(request -> request.startsWith("POST"));
    }

    @Test
    void theServiceRefusesAPreviewToSomeoneNotSignedIn() {
        int before = site.requests().size();

        assertThatThrownBy(() -> previews.preview(site.url("/contact"), OptionalLong.empty()))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThat(site.requests()).as("nothing fetched").hasSize(before);
    }

    @Test
    void aCaptchaIsNamedAndTheFormIsNotSubmitted() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(ContactFormPreviewView.class,
                QueryParameters.simple(Map.of("url", site.url("/captcha"))));
        ContactFormPreviewView view = _get(ContactFormPreviewView.class);

        assertThat(view.captcha.getText()).isEqualTo("CAPTCHA: reCAPTCHA");
        assertThat(view.verdict.getText()).isEqualTo("Would skip: CAPTCHA (reCAPTCHA) protects the contact form");
    }

    @Test
    void anInternalAddressIsRefusedOnTheUrlFieldAndNeverFetched() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(ContactFormPreviewView.class);
        ContactFormPreviewView view = _get(ContactFormPreviewView.class);

        _setValue(view.url, "http://169.254.169.254/latest/meta-data/");
        _click(view.preview);

        assertThat(view.url.isInvalid()).isTrue();
        assertThat(view.url.getErrorMessage()).startsWith("Refused: ");
        assertThat(view.result.isVisible()).as("no preview shown").isFalse();
    }

    @Test
    void fromALeadThePreviewUsesItsPageAndItsValues() {
        LeadDraft draft = new LeadDraft();
        draft.setFirstName("Rita");
        draft.setCompany("Rita Roofing");
        draft.setContactFormUrl(site.url("/contact"));
        long leadId = SystemActor.call(() -> leads.create(draft));
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(LeadDetailView.class, leadId);

        _click(_get(Button.class, spec -> spec.withText("Preview contact form")));

        ContactFormPreviewView view = _get(ContactFormPreviewView.class);
        assertThat(view.url.getValue()).isEqualTo(site.url("/contact"));
        assertThat(view.valuesOf.getText()).contains("lead #" + leadId);
        assertThat(rows(view)).anySatisfy(row -> assertThat(row).contains("Hello Rita Roofing team,"));
    }

    private static List<String> rows(ContactFormPreviewView view) {
        List<FieldVerdict> items = GridKt._findAll(view.fields);
        return java.util.stream.IntStream.range(0, items.size()).mapToObj(row -> String.join(" | ",
                GridKt._getFormatted(view.fields, row, "label"), GridKt._getFormatted(view.fields, row, "name"),
                GridKt._getFormatted(view.fields, row, "role"), GridKt._getFormatted(view.fields, row, "value")))
                .toList();
    }
}
