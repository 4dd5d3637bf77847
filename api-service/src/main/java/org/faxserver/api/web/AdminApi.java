package org.faxserver.api.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/** Marks an admin controller in the OpenAPI document: either admin scheme is accepted. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SecurityRequirement(name = OpenApiConfiguration.ADMIN_BASIC)
@SecurityRequirement(name = OpenApiConfiguration.ADMIN_BEARER)
public @interface AdminApi {
}
