package dev.outreach.security;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import dev.outreach.security.ui.LoginView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Form login for the console through Vaadin's configurer; views carry role annotations and
 * services check roles again with method security. Every chain sends a Content-Security-Policy,
 * a Referrer-Policy and {@code X-Content-Type-Options: nosniff} (Spring Security's default).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
class SecurityConfiguration {

    /**
     * What Vaadin Flow needs: its bootstrap page starts the client engine with an inline script,
     * which then builds functions from the JavaScript the server sends ('unsafe-eval'), and
     * components set inline styles. Everything else comes from this origin only.
     */
    static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
    /** JSON and redirects: nothing to load, nothing to frame. */
    static final String API_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** The unsubscribe page: its inline style and its one form, which posts to itself. */
    static final String EMAIL_LINK_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /**
     * What providers and recipients' mail clients call: event webhooks (each verifies its own
     * signature), the open pixel and click redirect (signed tokens) and the unsubscribe link
     * (page and RFC 8058 one-click POST, which comes without a CSRF token). No login, no session,
     * no cookie and no CSRF token: nothing here can act as a console user. No referrer either:
     * the click redirect would otherwise hand our link to the site it leads to.
     */
    @Bean
    @Order(0)
    SecurityFilterChain publicEndpoints(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/webhooks/**", "/t/**", "/u/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.disable())
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> policies(headers, EMAIL_LINK_POLICY, ReferrerPolicy.NO_REFERRER));
        return http.build();
    }

    /**
     * The REST API: stateless, API keys only, no session and no CSRF (no cookie is ever used).
     * The OpenAPI description is public so that clients can be generated from it.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeyService keys) throws Exception {
        http.securityMatcher("/api/v1/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/v1/openapi", "/api/v1/openapi.yaml", "/api/v1/openapi/**").permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys), AnonymousAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .headers(headers -> policies(headers, API_POLICY, ReferrerPolicy.NO_REFERRER))
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                    response.setStatus(401);
                    response.setContentType("application/json");
                    response.getWriter().write("{\"error\":\"A valid API key is required (Authorization: Bearer <key>)\"}");
                }));
        return http.build();
    }

    /**
     * The console. CSRF is configured here rather than by Vaadin's configurer, which exempts the
     * login page's path, form post included: a forged cross-site post could sign a victim into an
     * account of the attacker's choosing. Vaadin's own requests stay exempt (they carry Vaadin's
     * security key); the login form sends the token Vaadin puts in the page. Failed sign-ins are
     * counted and throttled ({@link SignInThrottle}). The referrer goes to this origin only, so
     * that a prospect's website or profile opened from the console does not learn its address.
     */
    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurity(HttpSecurity http, AppUserRepository users, RequestUtil vaadinRequests,
            SignInThrottle throttle) throws Exception {
        RequestMatcher loginPost = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login");
        http.addFilterBefore(new AccountChangeFilter(users), AnonymousAuthenticationFilter.class);
        http.addFilterBefore(new SignInThrottleFilter(throttle, loginPost), UsernamePasswordAuthenticationFilter.class);
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                // our stylesheet (META-INF/resources/styles), needed by the login page too
                .requestMatchers("/styles/**").permitAll()
                // the console's JSON views of the API's figures; Vaadin's configurer denies every
                // path it is not told about, so a signed-in user needs them named here
                .requestMatchers("/email-health", "/command-center.json").authenticated()
                .requestMatchers("/actuator/**").hasRole(Role.ADMIN_NAME));
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));
        http.exceptionHandling(errors -> errors.accessDeniedHandler(new RequestMatcherDelegatingAccessDeniedHandler(
                new LinkedHashMap<>(Map.of(loginPost, new SignInFormRefusal())), new AccessDeniedHandlerImpl())));
        http.headers(headers -> policies(headers, CONSOLE_POLICY, ReferrerPolicy.SAME_ORIGIN)
                .frameOptions(frame -> frame.sameOrigin())
                .addObjectPostProcessor(writtenEagerly()));
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                .enableCsrfConfiguration(false));
        // after Vaadin's configurer, which sets the login page when the chain is built: a form login
        // configured before it would serve Spring Security's generated login page instead
        http.formLogin(form -> form.failureHandler(new SignInFailureHandler(throttle)));
        return http.build();
    }

    private static HeadersConfigurer<HttpSecurity> policies(HeadersConfigurer<HttpSecurity> headers, String policy,
            ReferrerPolicy referrer) {
        return headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                .referrerPolicy(referrerPolicy -> referrerPolicy.policy(referrer));
    }

    /**
     * Headers written before the request is handled. Measured: written when the response commits
     * (the default), none of them reached Vaadin's bootstrap pages (/login went out with Vaadin's
     * own X-Frame-Options only). A Cache-Control set later (static files) replaces Spring
     * Security's no-cache one.
     */
    private static ObjectPostProcessor<HeaderWriterFilter> writtenEagerly() {
        return new ObjectPostProcessor<>() {
            @Override
            public <F extends HeaderWriterFilter> F postProcess(F filter) {
                filter.setShouldWriteHeadersEagerly(true);
                return filter;
            }
        };
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
