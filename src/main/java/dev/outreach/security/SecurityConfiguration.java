package dev.outreach.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import dev.outreach.security.ui.LoginView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Form login for the console through Vaadin's configurer; views carry role annotations and
 * services check roles again with method security.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
class SecurityConfiguration {

    /**
     * What providers and recipients' mail clients call: event webhooks (each verifies its own
     * signature) and the open pixel and click redirect (signed tokens). No login, no session,
     * no cookie and no CSRF token: nothing here can act as a console user.
     */
    @Bean
    @Order(0)
    SecurityFilterChain publicEndpoints(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/webhooks/**", "/t/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.disable())
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable());
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
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
                    response.setStatus(401);
                    response.setContentType("application/json");
                    response.getWriter().write("{\"error\":\"A valid API key is required (Authorization: Bearer <key>)\"}");
                }));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurity(HttpSecurity http, AppUserRepository users) throws Exception {
        http.addFilterBefore(new AccountChangeFilter(users), AnonymousAuthenticationFilter.class);
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                // our stylesheet (META-INF/resources/styles), needed by the login page too
                .requestMatchers("/styles/**").permitAll()
                // unsubscribe links from emails: no login, and one-click POSTs come without a CSRF token
                .requestMatchers("/u/**").permitAll()
                // the console's JSON views of the API's figures; Vaadin's configurer denies every
                // path it is not told about, so a signed-in user needs them named here
                .requestMatchers("/email-health", "/command-center.json").authenticated()
                .requestMatchers("/actuator/**").hasRole(Role.ADMIN_NAME));
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/u/**"));
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
