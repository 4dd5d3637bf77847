package org.faxserver.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs (Swagger UI at /swagger-ui.html) with its security schemes. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {
    public static final String ADMIN_BASIC = "adminBasic";
    public static final String ADMIN_BEARER = "adminBearer";
    public static final String TENANT_BASIC = "tenantBasic";
    public static final String TENANT_BEARER = "tenantBearer";

    /** Schemas follow the application's ObjectMapper (snake_case property names). */
    @Bean
    ModelResolver modelResolver(ObjectMapper objectMapper) {
        return new ModelResolver(objectMapper);
    }

    /** Documents the problem responses every admin/tenant operation can give. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            if (!path.startsWith("/admin") && !path.startsWith("/tenant") && !path.startsWith("/fax")) {
                return;
            }
            var responses = op.getResponses();
            responses.addApiResponse("400", problem("Invalid input; `errors` names each invalid field"));
            responses.addApiResponse("401", problem("Missing or invalid credentials (one answer for all)"));
            responses.addApiResponse("429", problem("Too many failed authentication attempts; see Retry-After"));
            if (path.contains("{id}")) {
                responses.addApiResponse("404", problem(path.startsWith("/fax")
                        ? "No such job for your tenant (another tenant's job is 404 too)" : "No such entity"));
            }
            if (op.getRequestBody() != null && !responses.containsKey("413")) {
                responses.addApiResponse("413", problem("Request body too large"));
            }
            for (String code : new String[] {"409", "413", "422"}) {
                // Route-specific problem answers documented on the operation get the problem schema too.
                if (responses.containsKey(code)) {
                    responses.addApiResponse(code, problem(responses.get(code).getDescription()));
                }
            }
            boolean writes = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                    || method == PathItem.HttpMethod.DELETE;
            // Fallback and override changes are commands to fax-queue (202): nothing there can conflict.
            boolean directory = !path.startsWith("/admin/reload") && !path.startsWith("/admin/fallback")
                    && !path.startsWith("/admin/override");
            if (path.startsWith("/admin/") && writes && directory) {
                responses.addApiResponse("409", problem("Duplicate number/username, or tenant still has numbers"));
            }
        }));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail"))));
    }

    @Bean
    OpenAPI faxserverOpenApi() {
        return new OpenAPI()
                .info(new Info().title("faxserver API").version("v1")
                        .description("Admin directory API and tenant API. Errors are RFC 7807 problem details."))
                .components(new Components()
                        .addSchemas("ProblemDetail", new Schema<>().type("object").description("RFC 7807 problem")
                                .addProperty("type", new Schema<>().type("string"))
                                .addProperty("title", new Schema<>().type("string"))
                                .addProperty("status", new Schema<>().type("integer"))
                                .addProperty("detail", new Schema<>().type("string"))
                                .addProperty("instance", new Schema<>().type("string"))
                                .addProperty("errors", new Schema<>().type("array").description("invalid fields: {field, message}")))
                        .addSecuritySchemes(ADMIN_BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic")
                                .description("Admin API key as the HTTP Basic password; the username is ignored."))
                        .addSecuritySchemes(ADMIN_BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("Admin API key as a bearer token."))
                        .addSecuritySchemes(TENANT_BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("Tenant user's username and password."))
                        .addSecuritySchemes(TENANT_BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("fsk_...")
                                .description("Tenant user's API key (from POST /admin/user or /tenant/user/authenticate).")));
    }
}
