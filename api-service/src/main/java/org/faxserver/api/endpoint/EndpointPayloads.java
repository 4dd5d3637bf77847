package org.faxserver.api.endpoint;

import java.time.Instant;
import java.util.List;

import org.faxserver.api.endpoint.model.EmailSettings;
import org.faxserver.api.endpoint.model.Endpoint;
import org.faxserver.api.endpoint.model.EndpointDraft;
import org.faxserver.api.endpoint.model.EndpointDraft.EmailInput;
import org.faxserver.api.endpoint.model.EndpointDraft.GatewayInput;
import org.faxserver.api.endpoint.model.EndpointDraft.WebhookInput;
import org.faxserver.api.endpoint.model.EndpointScope;
import org.faxserver.api.endpoint.model.EndpointType;
import org.faxserver.api.endpoint.model.GatewaySettings;
import org.faxserver.api.endpoint.model.PayloadStyle;
import org.faxserver.api.endpoint.model.WebhookSettings;
import org.faxserver.model.fax.T38Policy;

/** JSON payloads of the endpoint admin routes. */
final class EndpointPayloads {
    private EndpointPayloads() {
    }

    /**
     * Body of POST and PUT /admin/endpoint. {@code scope} TENANT needs {@code tenant_id}, NUMBER needs
     * {@code number_id}, GLOBAL neither. Exactly the block matching {@code type} (gateway, webhook or
     * email) must be present.
     */
    record EndpointRequest(EndpointScope scope, Long tenantId, Long numberId, EndpointType type, Integer priority,
                           Boolean enabled, Boolean sourceOnly, Boolean lastResort, GatewayInput gateway,
                           WebhookInput webhook, EmailInput email) {
        EndpointDraft toDraft() {
            return EndpointDraft.of(scope, tenantId, numberId, type, priority, enabled, sourceOnly, lastResort,
                    gateway, webhook, email);
        }
    }

    record GatewayView(String name, List<String> allowedSources, T38Policy t38Policy, Integer maxConcurrentCalls,
                       boolean bridge) {
        static GatewayView of(GatewaySettings g) {
            return g == null ? null
                    : new GatewayView(g.name(), g.allowedSources(), g.t38Policy(), g.maxConcurrentCalls(), g.bridge());
        }
    }

    /** The signing secret is write-only: responses only say whether one is set. */
    record WebhookView(String url, boolean signingSecretSet, PayloadStyle payloadStyle) {
        static WebhookView of(WebhookSettings w) {
            return w == null ? null : new WebhookView(w.url().toString(), w.signingSecret() != null, w.payloadStyle());
        }
    }

    record EmailView(List<String> addresses) {
        static EmailView of(EmailSettings e) {
            return e == null ? null : new EmailView(e.addresses());
        }
    }

    record EndpointResponse(long id, EndpointScope scope, Long tenantId, Long numberId, EndpointType type,
                            int priority, boolean enabled, boolean sourceOnly, boolean lastResort, GatewayView gateway,
                            WebhookView webhook, EmailView email, Instant createdAt, Instant updatedAt) {
        static EndpointResponse of(Endpoint e) {
            EndpointDraft d = e.draft();
            return new EndpointResponse(e.id(), d.scope(), e.tenantId(), d.numberId(), d.type(), d.priority(),
                    d.enabled(), d.sourceOnly(), d.lastResort(), GatewayView.of(d.gateway()),
                    WebhookView.of(d.webhook()), EmailView.of(d.email()), e.createdAt(), e.updatedAt());
        }
    }
}
