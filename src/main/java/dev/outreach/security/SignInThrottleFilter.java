package dev.outreach.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands before the login form's processing: an attempt that must wait ({@link SignInThrottle})
 * goes back to the login page with the wait, its password unchecked. It runs after the CSRF
 * check, so that a forged cross-site post counts for nothing.
 */
class SignInThrottleFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottleFilter.class);

    private final SignInThrottle throttle;
    private final RequestMatcher loginPost;

    SignInThrottleFilter(SignInThrottle throttle, RequestMatcher loginPost) {
        this.throttle = throttle;
        this.loginPost = loginPost;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !loginPost.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SignInAttempt attempt = SignInAttempt.of(request);
        Optional<SignInThrottle.Throttled> throttled = throttle.throttled(attempt);
        if (throttled.isPresent()) {
            log.info("Sign-in as '{}' from {} refused without checking the password: {}", attempt.loggableUsername(),
                    attempt.address(), throttled.get());
            response.sendRedirect(SignInFailureHandler.throttledUrl(request, throttled.get()));
            return;
        }
        chain.doFilter(request, response);
    }
}
