package dev.outreach.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session as soon as an admin changes its user: disabled, role changed or
 * password reset. The session remembers the user's {@code updated_at} at its first request;
 * a later value or a disabled account logs it out, so nobody keeps rights they lost for the
 * rest of an 8-hour session. One indexed lookup per console request (by unique username).
 */
class AccountChangeFilter extends OncePerRequestFilter {

    static final String SEEN_VERSION = AccountChangeFilter.class.getName() + ".version";

    private record Snapshot(Instant version, boolean enabled) {
    }

    private final AppUserRepository users;

    AccountChangeFilter(AppUserRepository users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session != null && authentication != null && authentication.getPrincipal() instanceof UserDetails) {
            Optional<Snapshot> current = snapshot(authentication.getName());
            Instant seen = (Instant) session.getAttribute(SEEN_VERSION);
            boolean changed = current.isEmpty() || !current.get().enabled()
                    || (seen != null && current.get().version().isAfter(seen));
            if (changed) {
                session.invalidate();
                SecurityContextHolder.clearContext();
                response.sendRedirect(request.getContextPath() + "/login");
                return;
            }
            if (seen == null) {
                session.setAttribute(SEEN_VERSION, current.get().version());
            }
        }
        chain.doFilter(request, response);
    }

    private Optional<Snapshot> snapshot(String username) {
        return users.findByUsernameIgnoreCase(username).map(user -> new Snapshot(user.getUpdatedAt(), user.isEnabled()));
    }
}
