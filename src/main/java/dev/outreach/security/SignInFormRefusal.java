package dev.outreach.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * A login form post without the CSRF token of a login page this browser opened: forged by
 * another site, or a page left open across a restart. Answered 403 here, with a way back to the
 * login page, rather than through the error page (which would send an anonymous visitor to the
 * login page with no word of why).
 */
class SignInFormRefusal implements AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(SignInFormRefusal.class);

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refused)
            throws IOException {
        log.info("Sign-in form post from {} refused: {}", SignInAttempt.of(request).address(), refused.getMessage());
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in again</title></head>
                <body><p>This sign-in form is out of date or was not sent from this site.
                <a href="%s/login">Open the sign-in page</a> and sign in again.</p></body></html>
                """.formatted(request.getContextPath()));
    }
}
