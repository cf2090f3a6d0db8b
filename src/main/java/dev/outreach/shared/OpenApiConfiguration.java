package dev.outreach.shared;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Title and the API-key scheme of the OpenAPI description served at /api/v1/openapi. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI outreachOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Outreach Engine API").version("v1")
                        .description("The operator API: send outreach, outreach history, channel configuration and metrics."))
                .components(new Components().addSecuritySchemes("apiKey", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API key created by an admin under API keys")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
