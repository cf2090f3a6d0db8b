package dev.outreach.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockServletContext;

class SecureSessionCookieTests {

    @Test
    void anHttpsPublicAddressMakesTheSessionCookieSecureOnEveryRequest() {
        MockServletContext servletContext = new MockServletContext();

        new SecureSessionCookie("https://outreach.example.com").onStartup(servletContext);

        assertThat(servletContext.getSessionCookieConfig().isSecure()).isTrue();
    }

    @Test
    void anHttpPublicAddressLeavesItToTheRequest() {
        MockServletContext servletContext = new MockServletContext();

        new SecureSessionCookie("http://localhost:8080").onStartup(servletContext);

        assertThat(servletContext.getSessionCookieConfig().isSecure()).isFalse();
    }
}
