package org.faxserver.api.tenant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.faxserver.api.auth.model.TenantPrincipal;
import org.faxserver.api.shared.model.NotFoundException;
import org.faxserver.api.web.OpenApiConfiguration;
import org.faxserver.model.delivery.ReceiptSigningKeys;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The key a tenant verifies its receipt webhooks with: its own, derived from the server's receipt signing secret
 * ({@link ReceiptSigningKeys}, decision 0014), so no tenant can sign another's receipts. A tenant reads its own; an
 * admin reads any existing tenant's.
 */
@RestController
class ReceiptSigningKeyController {

  /** The key and how it is used (the same scheme as endpoint secrets). */
  record ReceiptSigningKeyResponse(long tenantId, String signingKey, String signatureHeader, String timestampHeader,
                                   String scheme) {

    static ReceiptSigningKeyResponse of(long tenantId, String key) {
      return new ReceiptSigningKeyResponse(tenantId, key, "X-Fax-Signature", "X-Fax-Timestamp",
          "v1=hex(HMAC-SHA256(key = the UTF-8 bytes of signing_key as shown, not hex-decoded; "
              + "data = <X-Fax-Timestamp> + \".\" + <raw body>))");
    }
  }

  private final ReceiptSigningProperties props;
  private final TenantService tenants;

  ReceiptSigningKeyController(ReceiptSigningProperties props, TenantService tenants) {
    this.props = props;
    this.tenants = tenants;
  }

  @GetMapping("/tenant/receipt-signing-key")
  @Tag(name = "tenant: authentication")
  @Operation(summary = "The key this tenant's receipt webhooks are signed with",
      description = "404 when this server does not sign receipts.")
  @ApiResponse(responseCode = "404", description = "this server does not sign receipts",
      content = @Content(mediaType = "application/problem+json"))
  @SecurityRequirement(name = OpenApiConfiguration.TENANT_BASIC)
  @SecurityRequirement(name = OpenApiConfiguration.TENANT_BEARER)
  Mono<ReceiptSigningKeyResponse> own(@Parameter(hidden = true) TenantPrincipal principal) {
    return Mono.fromCallable(() -> keyOf(principal.tenantId()));
  }

  @GetMapping("/admin/tenant/{id}/receipt-signing-key")
  @Tag(name = "admin: tenants")
  @SecurityRequirement(name = OpenApiConfiguration.ADMIN_BASIC)
  @SecurityRequirement(name = OpenApiConfiguration.ADMIN_BEARER)
  @Operation(summary = "The key a tenant's receipt webhooks are signed with",
      description = "404 for an unknown tenant, or when this server does not sign receipts.")
  Mono<ReceiptSigningKeyResponse> ofTenant(@PathVariable long id) {
    return tenants.get(id).map(tenant -> keyOf(tenant.id()));
  }

  private ReceiptSigningKeyResponse keyOf(long tenantId) {
    if (props.signingSecret().isBlank()) {
      throw new NotFoundException("receipt signing key", "(receipts are not signed: no receipt signing secret is set)");
    }
    return ReceiptSigningKeyResponse.of(tenantId,
        ReceiptSigningKeys.forTenant(props.signingSecret(), Long.toString(tenantId)));
  }
}
