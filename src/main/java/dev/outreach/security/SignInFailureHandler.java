package dev.outreach.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A failed sign-in: counted and logged by the throttle, then back to the login page, which says
 * "wrong username or password" or, when this failure started a wait, how long to wait.
 */
class SignInFailureHandler implements AuthenticationFailureHandler {

    private final SignInThrottle throttle;

    SignInFailureHandler(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        Optional<SignInThrottle.Throttled> throttled = throttle.failed(SignInAttempt.of(request), reason(failure));
        response.sendRedirect(throttled.isPresent() ? throttledUrl(request, throttled.get())
                : request.getContextPath() + "/login?error");
    }

    static String throttledUrl(HttpServletRequest request, SignInThrottle.Throttled throttled) {
        return request.getContextPath() + "/login?throttled=" + throttled.minutes();
    }

    // an unknown username is reported as bad credentials too (Spring hides which one it was)
    private static String reason(AuthenticationException failure) {
        return switch (failure) {
            case BadCredentialsException bad -> "wrong username or password";
            case DisabledException disabled -> "account disabled";
            default -> failure.getClass().getSimpleName() + ": " + failure.getMessage();
        };
    }
}
