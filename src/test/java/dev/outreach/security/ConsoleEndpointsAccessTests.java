package dev.outreach.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The console's JSON endpoints for signed-in users, and what the API answers for a path it does not have. */
@SpringBootTest
@ActiveProfiles("test")
class ConsoleEndpointsAccessTests {

    @Autowired
    WebApplicationContext context;

    @Autowired
    ApiKeyService apiKeys;

    @Autowired
    UserService users;

    private MockMvc http;

    @BeforeEach
    void setUp() {
        http = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    @Test
    void aSignedInAdminAndOperatorGetTheEmailHealthAndCommandCenterJson() throws Exception {
        String operator = "operator-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        SystemActor.run(() -> users.create(operator, "operator-password-long", Role.OPERATOR));
        // real accounts: a session whose user does not exist is ended (AccountChangeFilter)
        for (var account : java.util.Map.of("admin", "ADMIN", operator, "OPERATOR").entrySet()) {
            String name = account.getKey();
            String role = account.getValue();
            http.perform(get("/email-health").with(user(name).roles(role)))
                    .andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                    .andExpect(jsonPath("$.global").exists());
            http.perform(get("/command-center.json").with(user(name).roles(role)))
                    .andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                    .andExpect(jsonPath("$.recontact_stats").exists());
        }
    }

    @Test
    void withoutSigningInTheConsoleJsonIsNotServed() throws Exception {
        http.perform(get("/email-health")).andExpect(status().is3xxRedirection());
        http.perform(get("/command-center.json")).andExpect(status().is3xxRedirection());
    }

    @Test
    void anUnknownApiPathIsAJson404NamingThePath() throws Exception {
        String key = SystemActor.call(() -> apiKeys.create("unknown-paths", Role.OPERATOR)).key();

        http.perform(get("/api/v1/no-such-thing").header("Authorization", "Bearer " + key))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.error").value(
                        "No API endpoint GET /api/v1/no-such-thing (see /api/v1/openapi for the API's paths)"));
        http.perform(post("/api/v1/leads/1/nothing").header("Authorization", "Bearer " + key))
                .andExpect(status().isNotFound());
        http.perform(get("/api/v1/no-such-thing")).andExpect(status().isUnauthorized());
        http.perform(get("/api/v1/email-health").header("Authorization", "Bearer " + key)).andExpect(status().isOk());
    }
}
