package org.faxserver.api.endpoint.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.faxserver.api.shared.model.Violations;
import org.faxserver.model.fax.T38Policy;

/**
 * Validated content of an endpoint. Exactly one of gateway/webhook/email is set, matching {@code type}.
 * The seed's magic priorities are explicit flags: {@code sourceOnly} (666: identifies a source gateway,
 * never used for delivery) and {@code lastResort} (999: tried after everything else).
 */
public record EndpointDraft(EndpointScope scope, Long tenantId, Long numberId, EndpointType type, int priority,
                            boolean enabled, boolean sourceOnly, boolean lastResort, GatewaySettings gateway,
                            WebhookSettings webhook, EmailSettings email) {

    public static final int MAX_PRIORITY = 10_000;
    /** Gateway names go into dial strings ({@code sofia/gateway/<name>/...}): no separators allowed. */
    private static final Pattern GATEWAY_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>\"]{1,64}@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+");
    private static final int MAX_SOURCES = 64;
    private static final int MAX_ADDRESSES = 20;

    /** Raw gateway fields as the client sent them. */
    public record GatewayInput(String name, List<String> allowedSources, T38Policy t38Policy,
                               Integer maxConcurrentCalls, Boolean bridge) {
    }

    /** Raw webhook fields as the client sent them. */
    public record WebhookInput(String url, String signingSecret, PayloadStyle payloadStyle) {
        @Override
        public String toString() {
            return "WebhookInput[url=" + url + "]";
        }
    }

    /** Raw email fields as the client sent them. */
    public record EmailInput(List<String> addresses) {
    }

    public static EndpointDraft of(EndpointScope scope, Long tenantId, Long numberId, EndpointType type,
                                   Integer priority, Boolean enabled, Boolean sourceOnly, Boolean lastResort,
                                   GatewayInput gateway, WebhookInput webhook, EmailInput email) {
        Violations v = new Violations();
        checkScope(scope, tenantId, numberId, v);
        v.required("type", type);
        v.required("priority", priority);
        v.range("priority", priority, 0, MAX_PRIORITY);
        boolean src = Boolean.TRUE.equals(sourceOnly);
        boolean last = Boolean.TRUE.equals(lastResort);
        if (src && type != null && type != EndpointType.GATEWAY) {
            v.add("source_only", "only a gateway can be source-only");
        }
        if (src && last) {
            v.add("last_resort", "a source-only endpoint is never used for delivery, so it cannot be last resort");
        }
        GatewaySettings g = type == EndpointType.GATEWAY ? gateway(gateway, v) : forbid("gateway", gateway, v);
        WebhookSettings w = type == EndpointType.WEBHOOK ? webhook(webhook, v) : forbid("webhook", webhook, v);
        EmailSettings e = type == EndpointType.EMAIL ? email(email, v) : forbid("email", email, v);
        v.throwIfAny();
        Long tenant = scope == EndpointScope.TENANT ? tenantId : null;
        Long number = scope == EndpointScope.NUMBER ? numberId : null;
        return new EndpointDraft(scope, tenant, number, type, priority, enabled == null || enabled, src, last,
                g, w, e);
    }

    private static void checkScope(EndpointScope scope, Long tenantId, Long numberId, Violations v) {
        if (scope == null) {
            v.add("scope", "is required");
            return;
        }
        switch (scope) {
            case TENANT -> {
                v.required("tenant_id", tenantId);
                forbid("number_id", numberId, v);
            }
            case NUMBER -> {
                v.required("number_id", numberId);
                forbid("tenant_id", tenantId, v);
            }
            case GLOBAL -> {
                forbid("tenant_id", tenantId, v);
                forbid("number_id", numberId, v);
            }
        }
    }

    private static <T> T forbid(String field, Object value, Violations v) {
        if (value != null) {
            v.add(field, "must not be set here");
        }
        return null;
    }

    private static GatewaySettings gateway(GatewayInput in, Violations v) {
        if (in == null) {
            v.add("gateway", "is required for type GATEWAY");
            return null;
        }
        if (in.name() == null || !GATEWAY_NAME.matcher(in.name()).matches()) {
            v.add("gateway.name", "must be 1-64 characters of letters, digits and . _ -");
        }
        List<String> sources = new ArrayList<>();
        List<String> raw = in.allowedSources() == null ? List.of() : in.allowedSources();
        if (raw.size() > MAX_SOURCES) {
            v.add("gateway.allowed_sources", "must have at most " + MAX_SOURCES + " entries");
        }
        for (int i = 0; i < raw.size() && i < MAX_SOURCES; i++) {
            try {
                sources.add(CidrBlock.normalise(raw.get(i)));
            } catch (IllegalArgumentException ex) {
                v.add("gateway.allowed_sources[" + i + "]", ex.getMessage());
            }
        }
        v.range("gateway.max_concurrent_calls", in.maxConcurrentCalls(), 1, 10_000);
        return new GatewaySettings(in.name(), sources, in.t38Policy(), in.maxConcurrentCalls(),
                Boolean.TRUE.equals(in.bridge()));
    }

    private static WebhookSettings webhook(WebhookInput in, Violations v) {
        if (in == null) {
            v.add("webhook", "is required for type WEBHOOK");
            return null;
        }
        URI url = webhookUrl(in.url(), v);
        String secret = in.signingSecret();
        if (secret == null || secret.length() < 16 || secret.length() > 256) {
            v.add("webhook.signing_secret", "must be 16-256 characters");
        }
        PayloadStyle style = in.payloadStyle() == null ? PayloadStyle.JSON : in.payloadStyle();
        return new WebhookSettings(url, secret, style);
    }

    private static URI webhookUrl(String raw, Violations v) {
        if (raw == null || raw.isBlank() || raw.length() > 2000) {
            v.add("webhook.url", "must be an http or https URL of at most 2000 characters");
            return null;
        }
        try {
            URI uri = new URI(raw.strip());
            String scheme = uri.getScheme();
            if (uri.getHost() == null || scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                v.add("webhook.url", "must be an absolute http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            v.add("webhook.url", "is not a valid URL");
            return null;
        }
    }

    private static EmailSettings email(EmailInput in, Violations v) {
        if (in == null || in.addresses() == null || in.addresses().isEmpty()) {
            v.add("email.addresses", "must list at least one address");
            return null;
        }
        if (in.addresses().size() > MAX_ADDRESSES) {
            v.add("email.addresses", "must have at most " + MAX_ADDRESSES + " entries");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < in.addresses().size(); i++) {
            String a = in.addresses().get(i);
            if (a == null || a.length() > 254 || !EMAIL.matcher(a.strip()).matches()) {
                v.add("email.addresses[" + i + "]", "is not an email address");
            } else {
                out.add(a.strip());
            }
        }
        return new EmailSettings(out);
    }
}
