package org.faxserver.api.endpoint;

import java.net.URI;
import java.util.List;

import io.r2dbc.spi.Readable;
import org.faxserver.api.endpoint.model.EmailSettings;
import org.faxserver.api.endpoint.model.Endpoint;
import org.faxserver.api.endpoint.model.EndpointDraft;
import org.faxserver.api.endpoint.model.EndpointScope;
import org.faxserver.api.endpoint.model.EndpointType;
import org.faxserver.api.endpoint.model.GatewaySettings;
import org.faxserver.api.endpoint.model.PayloadStyle;
import org.faxserver.api.endpoint.model.WebhookSettings;
import org.faxserver.api.shared.db.Rows;
import org.faxserver.api.shared.model.PageRequest;
import org.faxserver.model.fax.T38Policy;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class EndpointRepository {
    private static final String COLUMNS = "id, scope, tenant_id, number_id, type, priority, enabled, source_only, "
            + "last_resort, gateway_name, allowed_sources, t38_policy, max_concurrent_calls, bridge, webhook_url, "
            + "signing_secret, payload_style, email_addresses, created_at, updated_at";
    private static final String FILTER = " WHERE (CAST(:tenantId AS bigint) IS NULL OR tenant_id = :tenantId)"
            + " AND (CAST(:scope AS text) IS NULL OR scope = :scope)";
    private final DatabaseClient db;

    EndpointRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Endpoint> insert(EndpointDraft d, Long tenantId) {
        return bind(db.sql("INSERT INTO directory.endpoint (scope, tenant_id, number_id, type, priority, enabled, "
                + "source_only, last_resort, gateway_name, allowed_sources, t38_policy, max_concurrent_calls, bridge, "
                + "webhook_url, signing_secret, payload_style, email_addresses) VALUES (:scope, :tenantId, :numberId, "
                + ":type, :priority, :enabled, :sourceOnly, :lastResort, :gatewayName, :allowedSources, :t38Policy, "
                + ":maxConcurrentCalls, :bridge, :webhookUrl, :signingSecret, :payloadStyle, :emailAddresses) "
                + "RETURNING " + COLUMNS), d, tenantId)
                .map(EndpointRepository::map).one();
    }

    Mono<Endpoint> update(long id, EndpointDraft d, Long tenantId) {
        return bind(db.sql("UPDATE directory.endpoint SET scope = :scope, tenant_id = :tenantId, "
                + "number_id = :numberId, type = :type, priority = :priority, enabled = :enabled, "
                + "source_only = :sourceOnly, last_resort = :lastResort, gateway_name = :gatewayName, "
                + "allowed_sources = :allowedSources, t38_policy = :t38Policy, "
                + "max_concurrent_calls = :maxConcurrentCalls, bridge = :bridge, webhook_url = :webhookUrl, "
                + "signing_secret = :signingSecret, payload_style = :payloadStyle, "
                + "email_addresses = :emailAddresses, updated_at = now() WHERE id = :id RETURNING " + COLUMNS)
                .bind("id", id), d, tenantId)
                .map(EndpointRepository::map).one();
    }

    Mono<Long> delete(long id) {
        return db.sql("DELETE FROM directory.endpoint WHERE id = :id").bind("id", id).fetch().rowsUpdated();
    }

    Mono<Endpoint> find(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM directory.endpoint WHERE id = :id")
                .bind("id", id).map(EndpointRepository::map).one();
    }

    Flux<Endpoint> list(Long tenantId, EndpointScope scope, PageRequest page) {
        var spec = db.sql("SELECT " + COLUMNS + " FROM directory.endpoint" + FILTER
                        + " ORDER BY id LIMIT :limit OFFSET :offset")
                .bind("limit", page.size()).bind("offset", page.offset());
        return filter(spec, tenantId, scope).map(EndpointRepository::map).all();
    }

    Mono<Long> count(Long tenantId, EndpointScope scope) {
        var spec = db.sql("SELECT count(*) AS n FROM directory.endpoint" + FILTER);
        return filter(spec, tenantId, scope).map(r -> r.get("n", Long.class)).one();
    }

    private static GenericExecuteSpec filter(GenericExecuteSpec spec, Long tenantId, EndpointScope scope) {
        spec = Rows.bind(spec, "tenantId", tenantId, Long.class);
        return Rows.bind(spec, "scope", scope == null ? null : scope.name(), String.class);
    }

    private static GenericExecuteSpec bind(GenericExecuteSpec s, EndpointDraft d, Long tenantId) {
        GatewaySettings g = d.gateway();
        WebhookSettings w = d.webhook();
        EmailSettings e = d.email();
        s = s.bind("scope", d.scope().name()).bind("type", d.type().name()).bind("priority", d.priority())
                .bind("enabled", d.enabled()).bind("sourceOnly", d.sourceOnly()).bind("lastResort", d.lastResort())
                .bind("bridge", g != null && g.bridge());
        s = Rows.bind(s, "tenantId", tenantId, Long.class);
        s = Rows.bind(s, "numberId", d.numberId(), Long.class);
        s = Rows.bind(s, "gatewayName", g == null ? null : g.name(), String.class);
        s = Rows.bind(s, "allowedSources", g == null ? null : g.allowedSources().toArray(String[]::new), String[].class);
        s = Rows.bind(s, "t38Policy", g == null || g.t38Policy() == null ? null : g.t38Policy().name(), String.class);
        s = Rows.bind(s, "maxConcurrentCalls", g == null ? null : g.maxConcurrentCalls(), Integer.class);
        s = Rows.bind(s, "webhookUrl", w == null ? null : w.url().toString(), String.class);
        s = Rows.bind(s, "signingSecret", w == null ? null : w.signingSecret(), String.class);
        s = Rows.bind(s, "payloadStyle", w == null ? null : w.payloadStyle().name(), String.class);
        return Rows.bind(s, "emailAddresses", e == null ? null : e.addresses().toArray(String[]::new), String[].class);
    }

    private static Endpoint map(Readable r) {
        EndpointType type = EndpointType.valueOf(r.get("type", String.class));
        GatewaySettings g = null;
        WebhookSettings w = null;
        EmailSettings e = null;
        switch (type) {
            case GATEWAY -> {
                String t38 = r.get("t38_policy", String.class);
                List<String> sources = Rows.textArray(r, "allowed_sources");
                g = new GatewaySettings(r.get("gateway_name", String.class), sources == null ? List.of() : sources,
                        t38 == null ? null : T38Policy.valueOf(t38), r.get("max_concurrent_calls", Integer.class),
                        Boolean.TRUE.equals(r.get("bridge", Boolean.class)));
            }
            case WEBHOOK -> w = new WebhookSettings(URI.create(r.get("webhook_url", String.class)),
                    r.get("signing_secret", String.class), PayloadStyle.valueOf(r.get("payload_style", String.class)));
            case EMAIL -> e = new EmailSettings(Rows.textArray(r, "email_addresses"));
        }
        EndpointDraft d = new EndpointDraft(EndpointScope.valueOf(r.get("scope", String.class)),
                r.get("tenant_id", Long.class), r.get("number_id", Long.class), type, r.get("priority", Integer.class),
                r.get("enabled", Boolean.class), r.get("source_only", Boolean.class), r.get("last_resort", Boolean.class),
                g, w, e);
        return new Endpoint(r.get("id", Long.class), r.get("tenant_id", Long.class), d,
                Rows.instant(r, "created_at"), Rows.instant(r, "updated_at"));
    }
}
