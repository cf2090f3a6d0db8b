package dev.outreach.channel;

import dev.outreach.shared.AuditLog;
import dev.outreach.shared.ChannelType;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import dev.outreach.shared.SecretCipher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and changes channel configuration. Everyone signed in may read; only admins may change,
 * checked here. A rejected update names the field and changes nothing; every accepted change
 * is written to the audit log with the values before and after.
 */
@Service
public class ChannelConfigService {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    /** What views, the API and the audit log show instead of a secret setting; sent back, it keeps the secret. */
    public static final String MASK = "********";

    private final ChannelConfigRepository configs;
    private final AuditLog auditLog;
    private final JsonMapper json;
    private final SecretCipher secrets;
    private final Clock clock;
    /** The content module's templates, to refuse a name that none has (absent in slices of the app without it). */
    private final ObjectProvider<TemplateNames> templateNames;
    private final ObjectProvider<ChannelSettingsRule> settingsRules;

    ChannelConfigService(ChannelConfigRepository configs, AuditLog auditLog, JsonMapper json, SecretCipher secrets,
            Clock clock, ObjectProvider<TemplateNames> templateNames, ObjectProvider<ChannelSettingsRule> settingsRules) {
        this.configs = configs;
        this.templateNames = templateNames;
        this.settingsRules = settingsRules;
        this.auditLog = auditLog;
        this.json = json;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** A setting holds a secret when its name says so (API keys, passwords, tokens): stored encrypted, shown masked. */
    public static boolean isSecret(String setting) {
        String name = setting.toLowerCase(java.util.Locale.ROOT);
        return name.contains("key") || name.contains("password") || name.contains("secret") || name.contains("token");
    }

    /** A channel's settings with secrets decrypted, for the channel's own sender; never shown to people. */
    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public Map<String, String> senderSettings(ChannelType channel) {
        Map<String, String> stored = json.readValue(load(channel).getSettings(), STRING_MAP);
        Map<String, String> plain = new TreeMap<>();
        stored.forEach((name, value) -> plain.put(name, isSecret(name) ? secrets.decrypt(value) : value));
        return plain;
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public List<ChannelSettings> findAll() {
        return Arrays.stream(ChannelType.values()).map(this::load).map(this::toSettings).toList();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("isAuthenticated()")
    public ChannelSettings get(ChannelType channel) {
        return toSettings(load(channel));
    }

    /** Replaces a channel's configuration after validating every field. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public ChannelSettings update(ChannelSettings changed) {
        List<FieldError> errors = validate(changed);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        ChannelConfig config = load(changed.channel());
        String before = describe(toSettings(config));
        config.update(changed.enabled(), changed.maxPerHour(), changed.maxPerDay(), changed.maxPerLead(),
                changed.maxRetries(),
                changed.retryBackoffHours().stream().map(String::valueOf).collect(Collectors.joining(",")),
                json.writeValueAsString(new TreeMap<>(changed.templates())),
                json.writeValueAsString(storedSettings(config, changed.settings())),
                clock.instant(), AuditLog.currentActor());
        ChannelSettings after = toSettings(config);
        auditLog.record("channel-config.update", "channel_config", changed.channel(), before, describe(after));
        return after;
    }

    /** Encrypts new secret values and keeps the stored ones where the form sent the mask back. */
    private Map<String, String> storedSettings(ChannelConfig config, Map<String, String> submitted) {
        Map<String, String> previous = json.readValue(config.getSettings(), STRING_MAP);
        Map<String, String> stored = new TreeMap<>();
        submitted.forEach((name, value) -> {
            if (!isSecret(name)) {
                stored.put(name, value);
            } else if (MASK.equals(value)) {
                if (previous.containsKey(name)) {
                    stored.put(name, previous.get(name));
                }
            } else if (value != null && !value.isBlank()) {
                stored.put(name, secrets.encrypt(value));
            }
        });
        return stored;
    }

    List<FieldError> validate(ChannelSettings settings) {
        List<FieldError> errors = new ArrayList<>();
        notNegative("maxPerHour", settings.maxPerHour(), errors);
        notNegative("maxPerDay", settings.maxPerDay(), errors);
        notNegative("maxPerLead", settings.maxPerLead(), errors);
        notNegative("maxRetries", settings.maxRetries(), errors);
        if (settings.maxPerHour() > settings.maxPerDay()) {
            errors.add(new FieldError("maxPerHour", "Per hour (" + settings.maxPerHour()
                    + ") cannot exceed per day (" + settings.maxPerDay() + ")"));
        }
        if (settings.maxRetries() >= 0 && settings.retryBackoffHours().size() != settings.maxRetries()) {
            errors.add(new FieldError("retryBackoffHours", "Give one backoff per retry: " + settings.maxRetries()
                    + " retries need " + settings.maxRetries() + " values, found " + settings.retryBackoffHours().size()));
        }
        if (settings.retryBackoffHours().stream().anyMatch(hours -> hours == null || hours < 1 || hours > 24 * 30)) {
            errors.add(new FieldError("retryBackoffHours", "Each backoff must be between 1 and 720 hours"));
        }
        settings.templates().forEach((type, template) -> {
            if (type.isBlank() || template == null || template.isBlank()) {
                errors.add(new FieldError("templates", "Each message type needs a template name"));
            } else if (templateNames.getIfAvailable() != null
                    && !templateNames.getIfAvailable().exists(settings.channel(), template)) {
                errors.add(new FieldError("templates", "No " + settings.channel().label() + " template is named '"
                        + template.strip() + "' (for " + type + ")"));
            }
        });
        if (settings.settings().keySet().stream().anyMatch(String::isBlank)) {
            errors.add(new FieldError("settings", "Setting names cannot be blank"));
        }
        settingsRules.orderedStream().filter(rule -> rule.channel() == settings.channel())
                .forEach(rule -> errors.addAll(rule.check(settings.settings())));
        return errors;
    }

    private static void notNegative(String field, int value, List<FieldError> errors) {
        if (value < 0) {
            errors.add(new FieldError(field, "Cannot be negative"));
        }
    }

    private ChannelConfig load(ChannelType channel) {
        return configs.findById(channel)
                .orElseThrow(() -> new InvalidInputException("channel", "No configuration for channel " + channel));
    }

    private ChannelSettings toSettings(ChannelConfig config) {
        List<Integer> backoff = config.getRetryBackoffHours().isBlank() ? List.of()
                : Arrays.stream(config.getRetryBackoffHours().split(",")).map(String::strip).map(Integer::valueOf).toList();
        return new ChannelSettings(config.getChannel(), config.isEnabled(), config.getMaxPerHour(),
                config.getMaxPerDay(), config.getMaxPerLead(), config.getMaxRetries(), backoff,
                json.readValue(config.getTemplates(), STRING_MAP), masked(json.readValue(config.getSettings(), STRING_MAP)),
                config.getUpdatedAt(), config.getUpdatedBy());
    }

    private static Map<String, String> masked(Map<String, String> settings) {
        Map<String, String> shown = new TreeMap<>();
        settings.forEach((name, value) -> shown.put(name, isSecret(name) ? MASK : value));
        return shown;
    }

    private String describe(ChannelSettings settings) {
        Map<String, Object> values = new TreeMap<>();
        values.put("enabled", settings.enabled());
        values.put("max_per_hour", settings.maxPerHour());
        values.put("max_per_day", settings.maxPerDay());
        values.put("max_per_lead", settings.maxPerLead());
        values.put("max_retries", settings.maxRetries());
        values.put("retry_backoff_hours", settings.retryBackoffHours());
        values.put("templates", new TreeMap<>(settings.templates()));
        values.put("settings", new TreeMap<>(settings.settings()));
        return json.writeValueAsString(values);
    }
}
