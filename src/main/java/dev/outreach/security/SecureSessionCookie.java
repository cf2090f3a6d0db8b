package dev.outreach.security;

import jakarta.servlet.ServletContext;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.stereotype.Component;

/**
 * The session cookie is Secure whenever the console is served over https. Tomcat already marks
 * it so for an https request (behind a proxy: one that sends {@code X-Forwarded-Proto}, see
 * {@code server.forward-headers-strategy}); when the public address is https the cookie is
 * Secure on every request, in case the proxy in front says nothing.
 */
@Component
class SecureSessionCookie implements ServletContextInitializer {

    private final boolean publicAddressIsHttps;

    SecureSessionCookie(@Value("${outreach.public-base-url:http://localhost:8080}") String publicBaseUrl) {
        this.publicAddressIsHttps = "https".equalsIgnoreCase(URI.create(publicBaseUrl.strip()).getScheme());
    }

    @Override
    public void onStartup(ServletContext servletContext) {
        if (publicAddressIsHttps) {
            servletContext.getSessionCookieConfig().setSecure(true);
        }
    }
}
