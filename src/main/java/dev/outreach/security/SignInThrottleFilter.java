package dev.outreach.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands before the login form's processing: an attempt that must wait ({@link SignInThrottle})
 * goes back to the login page with the wait, its password unchecked. It runs after the CSRF
 * check, so that a forged cross-site post counts for nothing.
 *
 * <p>Attempts for one account, and from one address, are checked and counted one at a time (in
 * this instance): otherwise a burst of parallel guesses would all pass the check before the
 * first failure was counted. The locks are striped, so made-up usernames cost no memory.
 */
class SignInThrottleFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottleFilter.class);

    private static final int STRIPES = 64;

    private final SignInThrottle throttle;
    private final RequestMatcher loginPost;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    SignInThrottleFilter(SignInThrottle throttle, RequestMatcher loginPost) {
        this.throttle = throttle;
        this.loginPost = loginPost;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !loginPost.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SignInAttempt attempt = SignInAttempt.of(request);
        int account = stripe(attempt.username());
        int address = stripe(attempt.address());
        // both stripes, the lower first, so that two attempts never wait for each other in a circle
        ReentrantLock first = stripes[Math.min(account, address)];
        ReentrantLock second = stripes[Math.max(account, address)];
        first.lock();
        second.lock();
        try {
            Optional<SignInThrottle.Throttled> throttled = throttle.throttled(attempt);
            if (throttled.isPresent()) {
                log.info("Sign-in as '{}' from {} refused without checking the password: {}", attempt.loggableUsername(),
                        attempt.address(), throttled.get());
                response.sendRedirect(SignInFailureHandler.throttledUrl(request, throttled.get()));
                return;
            }
            // the password check and, on a failure, its counting happen further down this chain
            chain.doFilter(request, response);
        } finally {
            second.unlock();
            first.unlock();
        }
    }

    private static int stripe(String key) {
        return Math.floorMod(key.hashCode(), STRIPES);
    }
}
