package org.faxserver.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.faxserver.api.ApiIntegrationTest;
import org.faxserver.api.fax.BrokerMessages;
import org.faxserver.model.delivery.DeliveryRedeliver;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.RoutingKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dead letters from notifier-service's published view, and redelivery as a command on the broker. */
class DeliveryAdminApiTest extends ApiIntegrationTest {

    @BeforeEach
    void notifySchema() throws Exception {
        ensureNotifySchema();
    }

    @Test
    void deadLettersAreListedAndRedeliveredThroughACommand() throws Exception {
        String tenant = String.valueOf(createTenant());
        UUID dead = delivery(tenant, "DEAD");
        UUID pending = delivery(tenant, "PENDING");

        Map<String, Object> page = admin().get().uri("/admin/delivery?status=dead&tenant_id=" + tenant).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat((List<Map<String, Object>>) page.get("items")).extracting(d -> d.get("delivery_id"))
                .containsExactly(dead.toString());
        admin().get().uri("/admin/delivery/{id}", pending).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("PENDING").jsonPath("$.last_http_status").isEqualTo(503);

        try (BrokerMessages<DeliveryRedeliver> commands = new BrokerMessages<>(Exchanges.FAX_COMMANDS,
                RoutingKeys.DELIVERY_REDELIVER, DeliveryRedeliver.class)) {
            admin().post().uri("/admin/delivery/{id}/redeliver", dead).exchange().expectStatus().isAccepted();
            List<Envelope<DeliveryRedeliver>> sent = commands.await(e -> e.payload().deliveryId().equals(dead), 1);
            assertThat(sent.get(0).type()).isEqualTo(DeliveryRedeliver.TYPE);
        }
        admin().post().uri("/admin/delivery/{id}/redeliver", pending).exchange().expectStatus().isEqualTo(409);
        admin().post().uri("/admin/delivery/{id}/redeliver", UUID.randomUUID()).exchange().expectStatus().isNotFound();
        admin().get().uri("/admin/delivery?status=lost").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
        client.get().uri("/admin/delivery").exchange().expectStatus().isUnauthorized();
    }

    /** A delivery row as notifier-service writes it (api-service only reads the view). */
    private UUID delivery(String tenant, String status) {
        UUID id = UUID.randomUUID();
        db.sql("INSERT INTO notify.delivery (id, purpose, channel, tenant_id, job_id, event, target, task, status, "
                        + "tries, last_http_status, last_error, finished_at) VALUES (:id, 'RECEIPT', 'WEBHOOK', :tenant, "
                        + ":job, 'fax.sent', 'https://hooks.example.com/fax', '{}', :status, 3, 503, 'Service Unavailable', "
                        + (status.equals("DEAD") ? "now()" : "NULL") + ")")
                .bind("id", id).bind("tenant", tenant).bind("job", UUID.randomUUID()).bind("status", status)
                .then().block();
        return id;
    }
}
