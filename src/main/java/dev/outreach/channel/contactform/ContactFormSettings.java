package dev.outreach.channel.contactform;

import dev.outreach.channel.ChannelSettingsRule;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The contact-form channel's own settings as admins write them in the Channels view or the API
 * (the sender identity {@code from_*} is free text): {@code captcha_to_operator} ({@code true}
 * or {@code false}, the default) turns a CAPTCHA-protected form into a manual task for an
 * operator instead of a skip.
 */
record ContactFormSettings(boolean captchaToOperator) {

    static final String CAPTCHA_TO_OPERATOR = "captcha_to_operator";

    /** Reads the settings map; refuses a bad value, naming the setting. */
    static ContactFormSettings from(Map<String, String> settings) {
        List<FieldError> errors = check(settings);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ContactFormSettings(flag(settings.get(CAPTCHA_TO_OPERATOR)));
    }

    static List<FieldError> check(Map<String, String> settings) {
        String value = settings.get(CAPTCHA_TO_OPERATOR);
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("true")
                || value.strip().equalsIgnoreCase("false")) {
            return List.of();
        }
        return List.of(new FieldError("settings." + CAPTCHA_TO_OPERATOR, "Use true or false, not '"
                + value.strip() + "'"));
    }

    private static boolean flag(String value) {
        return value != null && value.strip().toLowerCase(Locale.ROOT).equals("true");
    }

    /** Checks the settings when an admin saves the channel. */
    @Component
    static class Rule implements ChannelSettingsRule {

        @Override
        public ChannelType channel() {
            return ChannelType.CONTACT_FORM;
        }

        @Override
        public List<FieldError> check(Map<String, String> settings) {
            return ContactFormSettings.check(settings);
        }
    }
}
