package org.faxserver.api.auth.model;

/**
 * The authenticated tenant user of a request. Tenant routes take it as a controller method parameter
 * (see {@code TenantPrincipalArgumentResolver}) and must scope every query by {@link #tenantId()}.
 */
public record TenantPrincipal(long tenantId, long userId, String username) {
    /** Exchange attribute under which the tenant authentication filter stores the principal. */
    public static final String ATTRIBUTE = TenantPrincipal.class.getName();
}
