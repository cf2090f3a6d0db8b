package dev.outreach.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outreach.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("test")
class UserServiceTests {

    @Autowired
    UserService users;
    @Autowired
    AppUserDetailsService details;
    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder encoder;
    @Autowired
    JdbcClient jdbc;

    private final String name = "user-" + Long.toString(System.nanoTime(), 36);

    @Test
    void aDisabledUserCannotSignInAndTheChangeIsAudited() {
        UserAccount user = SystemActor.call(() -> users.create(name, "first-password-123", Role.OPERATOR));

        SystemActor.call(() -> users.setEnabled(user.id(), false));

        assertThat(details.loadUserByUsername(name).isEnabled()).isFalse();
        assertThat(jdbc.sql("select actor from audit_log where action = 'user.disable' and entity_id = :id")
                .param("id", user.id().toString()).query(String.class).single()).isEqualTo("system");
    }

    @Test
    void aResetPasswordReplacesTheOldOneAndIsStoredHashed() {
        UserAccount user = SystemActor.call(() -> users.create(name, "first-password-123", Role.OPERATOR));

        SystemActor.run(() -> users.resetPassword(user.id(), "second-password-456"));

        String hash = details.loadUserByUsername(name).getPassword();
        assertThat(hash).startsWith("$2").doesNotContain("second-password-456");
        assertThat(encoder.matches("second-password-456", hash)).isTrue();
        assertThat(encoder.matches("first-password-123", hash)).isFalse();
    }

    @Test
    void theLastActiveAdminCannotBeDemotedOrDisabled() {
        long admins = jdbc.sql("select count(*) from app_user where role = 'ADMIN' and enabled").query(Long.class).single();
        long adminId = jdbc.sql("select id from app_user where username = 'admin'").query(Long.class).single();
        assertThat(admins).as("tests must not leave a second admin behind").isEqualTo(1);

        assertThatThrownBy(() -> SystemActor.call(() -> users.changeRole(adminId, Role.OPERATOR)))
                .isInstanceOf(InvalidInputException.class).hasMessage("role: admin is the last active admin");
        assertThatThrownBy(() -> SystemActor.call(() -> users.setEnabled(adminId, false)))
                .isInstanceOf(InvalidInputException.class).hasMessage("enabled: admin is the last active admin");
        assertThat(jdbc.sql("select role from app_user where id = :id").param("id", adminId).query(String.class).single())
                .isEqualTo("ADMIN");
    }

    @Test
    void duplicateUsernamesAreRefusedIgnoringCase() {
        SystemActor.run(() -> users.create(name, "first-password-123", Role.OPERATOR));

        assertThatThrownBy(() -> SystemActor.call(() -> users.create(name.toUpperCase(), "other-password-123", Role.ADMIN)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("username: User '" + name.toUpperCase() + "' already exists");
    }
}
