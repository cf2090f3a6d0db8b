package dev.outreach.security;

import dev.outreach.shared.AuditLog;
import dev.outreach.shared.FieldError;
import dev.outreach.shared.InvalidInputException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Manages console users. Every method is for admins only: the check lives here, not only in
 * the Users view, so no other door (a future API, a crafted request) can bypass it.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class UserService {

    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9._@-]{3,100}");

    private final AppUserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog auditLog;
    private final Clock clock;

    UserService(AppUserRepository users, PasswordEncoder passwordEncoder, AuditLog auditLog, Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<UserAccount> findAll() {
        return users.findAllByOrderByUsernameAsc().stream().map(AppUser::toAccount).toList();
    }

    @Transactional
    public UserAccount create(String username, String password, Role role) {
        List<FieldError> errors = new ArrayList<>();
        String name = username == null ? "" : username.trim();
        if (!USERNAME.matcher(name).matches()) {
            errors.add(new FieldError("username", "Use 3 to 100 letters, digits or . _ @ -"));
        } else if (users.findByUsernameIgnoreCase(name).isPresent()) {
            errors.add(new FieldError("username", "User '" + name + "' already exists"));
        }
        passwordProblem(password).ifPresent(errors::add);
        if (role == null) {
            errors.add(new FieldError("role", "Choose a role"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        AppUser user = users.save(new AppUser(name, passwordEncoder.encode(password), role, clock.instant()));
        auditLog.record("user.create", "app_user", user.getId(), null, name + " " + role);
        return user.toAccount();
    }

    @Transactional
    public UserAccount changeRole(long userId, Role role) {
        AppUser user = load(userId);
        if (user.getRole() == Role.ADMIN && role != Role.ADMIN) {
            requireAnotherActiveAdmin(user, "role");
        }
        Role before = user.getRole();
        user.changeRole(role, clock.instant());
        auditLog.record("user.role", "app_user", userId, before.name(), role.name());
        return user.toAccount();
    }

    @Transactional
    public void resetPassword(long userId, String newPassword) {
        passwordProblem(newPassword).ifPresent(error -> {
            throw new InvalidInputException(List.of(error));
        });
        AppUser user = load(userId);
        user.changePasswordHash(passwordEncoder.encode(newPassword), clock.instant());
        auditLog.record("user.password-reset", "app_user", userId, null, null);
    }

    @Transactional
    public UserAccount setEnabled(long userId, boolean enabled) {
        AppUser user = load(userId);
        if (!enabled) {
            if (user.getUsername().equalsIgnoreCase(AuditLog.currentActor())) {
                throw new InvalidInputException("enabled", "You cannot disable your own account");
            }
            if (user.getRole() == Role.ADMIN) {
                requireAnotherActiveAdmin(user, "enabled");
            }
        }
        boolean before = user.isEnabled();
        user.setEnabled(enabled, clock.instant());
        auditLog.record(enabled ? "user.enable" : "user.disable", "app_user", userId,
                String.valueOf(before), String.valueOf(enabled));
        return user.toAccount();
    }

    private void requireAnotherActiveAdmin(AppUser user, String field) {
        long activeAdmins = users.countByRoleAndEnabledTrue(Role.ADMIN);
        if (user.isEnabled() && activeAdmins <= 1) {
            throw new InvalidInputException(field, user.getUsername() + " is the last active admin");
        }
    }

    private AppUser load(long userId) {
        return users.findById(userId)
                .orElseThrow(() -> new InvalidInputException("user", "No user with id " + userId));
    }

    static java.util.Optional<FieldError> passwordProblem(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            return java.util.Optional.of(new FieldError("password",
                    "Use at least " + MIN_PASSWORD_LENGTH + " characters"));
        }
        return java.util.Optional.empty();
    }
}
