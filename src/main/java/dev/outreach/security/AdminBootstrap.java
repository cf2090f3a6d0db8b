package dev.outreach.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the first admin when {@code app_user} is empty: with {@code OUTREACH_ADMIN_PASSWORD}
 * when set, otherwise with a generated password printed once to the log. Later starts do nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AppUserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final String username;
    private final String configuredPassword;

    AdminBootstrap(AppUserRepository users, PasswordEncoder passwordEncoder, Clock clock,
            @Value("${outreach.admin-username:admin}") String username,
            @Value("${outreach.admin-password:}") String configuredPassword) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.username = username;
        this.configuredPassword = configuredPassword;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        boolean generated = configuredPassword == null || configuredPassword.isBlank();
        String password = generated ? generatePassword() : configuredPassword;
        users.save(new AppUser(username, passwordEncoder.encode(password), Role.ADMIN, clock.instant()));
        if (generated) {
            log.warn("""

                    ============================================================
                     First admin created. Sign in with
                       username: {}
                       password: {}
                     This password is shown only once. Change it under Users,
                     or set OUTREACH_ADMIN_PASSWORD before the first start.
                    ============================================================""", username, password);
        } else {
            log.info("First admin '{}' created with the password from OUTREACH_ADMIN_PASSWORD", username);
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
