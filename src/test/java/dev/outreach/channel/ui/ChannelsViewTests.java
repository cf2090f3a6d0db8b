package dev.outreach.channel.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import dev.outreach.channel.ChannelConfigService;
import dev.outreach.channel.ChannelSettings;
import dev.outreach.security.Role;
import dev.outreach.security.SystemActor;
import dev.outreach.shared.ChannelType;
import dev.outreach.support.KaribuTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

class ChannelsViewTests extends KaribuTest {

    @Autowired
    ChannelConfigService channels;
    @Autowired
    JdbcClient jdbc;

    private ChannelSettings original;

    @AfterEach
    void restoreContactForm() {
        if (original != null) {
            SystemActor.call(() -> channels.update(original));
        }
    }

    @Test
    void adminChangesLimitsAndTheChangeIsAuditedWithBeforeAndAfter() {
        original = SystemActor.call(() -> channels.get(ChannelType.CONTACT_FORM));
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(ChannelsView.class);
        ChannelForm form = form("channel-contact_form");

        _setValue(form.maxPerHour, 7);
        _setValue(form.maxRetries, 2);
        _setValue(form.retryBackoffHours, "12, 36");
        _click(form.save);

        ChannelSettings saved = SystemActor.call(() -> channels.get(ChannelType.CONTACT_FORM));
        assertThat(saved.maxPerHour()).isEqualTo(7);
        assertThat(saved.retryBackoffHours()).containsExactly(12, 36);
        assertThat(saved.updatedBy()).isEqualTo("ada");
        var audit = jdbc.sql("""
                select actor, before_value, after_value from audit_log
                where action = 'channel-config.update' and entity_id = 'CONTACT_FORM' order by id desc fetch first 1 rows only
                """).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
        assertThat(audit.get(0)).isEqualTo("ada");
        assertThat(audit.get(1)).contains("\"max_per_hour\":10").contains("\"retry_backoff_hours\":[24]");
        assertThat(audit.get(2)).contains("\"max_per_hour\":7").contains("\"retry_backoff_hours\":[12,36]");
    }

    @Test
    void anAdminHandsCaptchaFormsToOperatorsAndABadValueIsShownOnTheSettings() {
        original = SystemActor.call(() -> channels.get(ChannelType.CONTACT_FORM));
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(ChannelsView.class);
        ChannelForm form = form("channel-contact_form");

        _setValue(form.settings, "from_name = Ada\ncaptcha_to_operator = maybe");
        _click(form.save);

        assertThat(form.settings.isInvalid()).isTrue();
        assertThat(form.settings.getErrorMessage()).isEqualTo("captcha_to_operator: Use true or false, not 'maybe'");
        assertThat(SystemActor.call(() -> channels.get(ChannelType.CONTACT_FORM)).settings())
                .doesNotContainKey("captcha_to_operator");

        _setValue(form.settings, "from_name = Ada\ncaptcha_to_operator = true");
        _click(form.save);

        assertThat(SystemActor.call(() -> channels.get(ChannelType.CONTACT_FORM)).settings())
                .containsEntry("captcha_to_operator", "true");
        assertThat(jdbc.sql("""
                select after_value from audit_log
                where action = 'channel-config.update' and entity_id = 'CONTACT_FORM' order by id desc fetch first 1 rows only
                """).query(String.class).single()).contains("\"captcha_to_operator\":\"true\"");
    }

    @Test
    void aRejectedUpdateNamesTheFieldAndChangesNothing() {
        ChannelSettings before = SystemActor.call(() -> channels.get(ChannelType.EMAIL));
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(ChannelsView.class);
        ChannelForm form = form("channel-email");

        _setValue(form.maxPerHour, 900);
        _setValue(form.retryBackoffHours, "24");
        _click(form.save);

        assertThat(form.maxPerHour.isInvalid()).isTrue();
        assertThat(form.maxPerHour.getErrorMessage()).isEqualTo("Per hour (900) cannot exceed per day (500)");
        assertThat(form.retryBackoffHours.isInvalid()).isTrue();
        assertThat(form.retryBackoffHours.getErrorMessage())
                .isEqualTo("Give one backoff per retry: 2 retries need 2 values, found 1");
        assertThat(SystemActor.call(() -> channels.get(ChannelType.EMAIL))).isEqualTo(before);
    }

    @Test
    void aTemplateNameThatNoTemplateOfTheChannelHasIsRefusedOnItsField() {
        ChannelSettings before = SystemActor.call(() -> channels.get(ChannelType.EMAIL));
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(ChannelsView.class);
        ChannelForm form = form("channel-email");

        _setValue(form.templates, "initial = email-welcome\nfollow_up = email-follow-up\nfinal = email-final");
        _click(form.save);

        assertThat(form.templates.isInvalid()).isTrue();
        assertThat(form.templates.getErrorMessage()).contains("No Email template is named 'email-welcome' (for initial)");
        assertThat(SystemActor.call(() -> channels.get(ChannelType.EMAIL))).isEqualTo(before);
    }

    @Test
    void aBackoffThatIsNotANumberIsRefusedOnItsField() {
        login("ada", Role.ADMIN);
        UI.getCurrent().navigate(ChannelsView.class);
        ChannelForm form = form("channel-email");

        _setValue(form.retryBackoffHours, "24, two days");
        _click(form.save);

        assertThat(form.retryBackoffHours.getErrorMessage()).isEqualTo("'two days' is not a whole number of hours");
    }

    @Test
    void operatorsSeeTheSettingsReadOnlyAndTheServiceRefusesThem() {
        login("olivia", Role.OPERATOR);
        UI.getCurrent().navigate(ChannelsView.class);

        ChannelForm form = form("channel-email");
        assertThat(form.maxPerHour.isReadOnly()).isTrue();
        assertThat(form.maxPerHour.getValue()).isEqualTo(100);
        assertThat(_find(Button.class, spec -> spec.withText("Save"))).isEmpty();
        ChannelSettings email = channels.get(ChannelType.EMAIL);
        assertThatThrownBy(() -> channels.update(email)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void secretSettingsAreStoredEncryptedAndShownMasked() {
        original = SystemActor.call(() -> channels.get(ChannelType.LINKEDIN));
        java.util.Map<String, String> settings = new java.util.HashMap<>(original.settings());
        settings.put("provider_api_key", "s3cret-provider-key");
        SystemActor.call(() -> channels.update(new ChannelSettings(ChannelType.LINKEDIN, original.enabled(),
                original.maxPerHour(), original.maxPerDay(), original.maxPerLead(), original.maxRetries(),
                original.retryBackoffHours(), original.templates(), settings, null, null)));

        assertThat(SystemActor.call(() -> channels.get(ChannelType.LINKEDIN)).settings())
                .containsEntry("provider_api_key", ChannelConfigService.MASK);
        assertThat(SystemActor.call(() -> channels.senderSettings(ChannelType.LINKEDIN)))
                .containsEntry("provider_api_key", "s3cret-provider-key");
        assertThat(jdbc.sql("select settings from channel_config where channel = 'LINKEDIN'").query(String.class).single())
                .doesNotContain("s3cret");
        assertThat(jdbc.sql("select after_value from audit_log where entity_id = 'LINKEDIN' order by id desc fetch first 1 rows only")
                .query(String.class).single()).doesNotContain("s3cret").contains(ChannelConfigService.MASK);

        // Saving the form with the mask keeps the secret.
        ChannelSettings shown = SystemActor.call(() -> channels.get(ChannelType.LINKEDIN));
        SystemActor.call(() -> channels.update(shown));
        assertThat(SystemActor.call(() -> channels.senderSettings(ChannelType.LINKEDIN)))
                .containsEntry("provider_api_key", "s3cret-provider-key");
    }

    private static ChannelForm form(String id) {
        return _get(ChannelForm.class, spec -> spec.withId(id));
    }
}
