package org.faxserver.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.faxserver.api.ApiIntegrationTest;
import org.faxserver.model.directory.ChangeKind;
import org.faxserver.model.directory.DirectoryChanged;
import org.faxserver.model.directory.DirectoryEntity;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.Exchanges;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.model.messaging.RoutingKeys;
import org.faxserver.support.OutboxRelay;
import org.faxserver.testkit.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/** Directory changes reach the real broker exactly once, via the outbox. */
class DirectoryChangedMessagingTest extends ApiIntegrationTest {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(15);
    /** Several relay polls (100 ms in tests): long enough for a wrongly published message to show up. */
    private static final Duration QUIET_PERIOD = Duration.ofMillis(1500);

    @Autowired
    OutboxRelay relay;

    private Connection connection;
    private final List<Envelope<DirectoryChanged>> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() throws Exception {
        connection = TestInfrastructure.get().rabbit().newConnection();
        Channel channel = connection.createChannel();
        channel.exchangeDeclare(Exchanges.FAX_EVENTS, "topic", true);
        // Server-named, exclusive, auto-delete: other test classes on the shared broker never see it.
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, Exchanges.FAX_EVENTS, RoutingKeys.DIRECTORY_CHANGED);
        channel.basicConsume(queue, true,
                (tag, delivery) -> received.add(MessageJson.read(delivery.getBody(), DirectoryChanged.class)),
                tag -> { });
    }

    @AfterEach
    void close() throws Exception {
        relay.start(); // in case a test failed while the relay was stopped (the context is shared)
        connection.close();
    }

    private List<Envelope<DirectoryChanged>> messagesAbout(DirectoryEntity entity, String id) {
        Predicate<Envelope<DirectoryChanged>> about = e -> e.payload().entity() == entity
                && java.util.Objects.equals(e.payload().entityId(), id);
        return received.stream().filter(about).toList();
    }

    private List<Envelope<DirectoryChanged>> awaitMessages(DirectoryEntity entity, String id, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        while (messagesAbout(entity, id).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        // Then stay quiet a while: a duplicate would arrive within a few polls.
        Thread.sleep(QUIET_PERIOD.toMillis());
        return messagesAbout(entity, id);
    }

    @Test
    void creatingATenantPublishesExactlyOneMessage() throws Exception {
        long id = createTenant();
        var messages = awaitMessages(DirectoryEntity.TENANT, String.valueOf(id), 1);
        assertThat(messages).hasSize(1);
        Envelope<DirectoryChanged> m = messages.get(0);
        assertThat(m.type()).isEqualTo(DirectoryChanged.TYPE);
        assertThat(m.version()).isEqualTo(DirectoryChanged.VERSION);
        assertThat(m.payload().change()).isEqualTo(ChangeKind.CREATED);
    }

    @Test
    void updatesAndDeletesArePublishedToo() throws Exception {
        long tenant = createTenant();
        long number = createNumber(tenant);
        admin().delete().uri("/admin/number/{id}", number).exchange().expectStatus().isNoContent();
        var messages = awaitMessages(DirectoryEntity.NUMBER, String.valueOf(number), 2);
        assertThat(messages).extracting(e -> e.payload().change())
                .containsExactlyInAnyOrder(ChangeKind.CREATED, ChangeKind.DELETED);
    }

    @Test
    void aRefusedChangePublishesNothing() throws Exception {
        long tenant = createTenant();
        createNumber(tenant);
        admin().delete().uri("/admin/tenant/{id}", tenant).exchange().expectStatus().isEqualTo(409);
        var messages = awaitMessages(DirectoryEntity.TENANT, String.valueOf(tenant), 1);
        assertThat(messages).extracting(e -> e.payload().change()).containsExactly(ChangeKind.CREATED);
    }

    @Test
    void reloadPublishesAFullInvalidation() throws Exception {
        int before = messagesAbout(DirectoryEntity.ALL, null).size();
        admin().post().uri("/admin/reload").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.message").exists();
        var messages = awaitMessages(DirectoryEntity.ALL, null, before + 1);
        // Other test classes may reload concurrently on the shared broker: at least ours arrived.
        assertThat(messages.size()).isGreaterThanOrEqualTo(before + 1);
        assertThat(messages).allMatch(e -> e.payload().change() == ChangeKind.RELOAD);
    }

    @Test
    void theSeedsGetReloadIsRefusedWithoutSideEffect() {
        // A GET must be safe: a crawler or a retried GET must not flush every cache.
        admin().get().uri("/admin/reload").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals("Allow", "POST")
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.status").isEqualTo(405);
        client.get().uri("/admin/reload").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aChangeCommittedWhileTheRelayIsStoppedIsPublishedExactlyOnceAfterRestart() throws Exception {
        relay.stop();
        long id;
        try {
            id = id(admin().post().uri("/admin/tenant").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "while relay is down")).exchange()
                    .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody());
            Thread.sleep(QUIET_PERIOD.toMillis());
            assertThat(messagesAbout(DirectoryEntity.TENANT, String.valueOf(id))).isEmpty();
            Long pending = db.sql("SELECT count(*) AS n FROM api.outbox WHERE sent_at IS NULL "
                            + "AND payload LIKE '%\"entityId\":\"" + id + "\"%'")
                    .map(r -> r.get("n", Long.class)).one().block();
            assertThat(pending).isEqualTo(1);
        } finally {
            relay.start();
        }
        assertThat(awaitMessages(DirectoryEntity.TENANT, String.valueOf(id), 1)).hasSize(1);
        Long unsent = db.sql("SELECT count(*) AS n FROM api.outbox WHERE sent_at IS NULL "
                        + "AND payload LIKE '%\"entityId\":\"" + id + "\"%'")
                .map(r -> r.get("n", Long.class)).one().block();
        assertThat(unsent).isZero();
    }

    @Test
    void anUnconfirmedPublishStaysPendingAndIsRetriedLater() throws Exception {
        // A row aimed at a missing exchange: the broker closes the channel, so no positive confirm ever comes.
        Long rowId = db.sql("INSERT INTO api.outbox (message_id, exchange, routing_key, message_type, payload) "
                        + "VALUES (gen_random_uuid(), 'no.such.exchange.' || gen_random_uuid(), 'x', 'test', '{}') "
                        + "RETURNING id")
                .map(r -> r.get("id", Long.class)).one().block();
        try {
            long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
            Map<String, Object> row;
            do {
                Thread.sleep(100);
                row = db.sql("SELECT attempts, sent_at IS NOT NULL AS sent, last_error FROM api.outbox WHERE id = :id")
                        .bind("id", rowId).fetch().one().block();
            } while (((Number) row.get("attempts")).intValue() < 2 && System.nanoTime() < deadline);
            assertThat(((Number) row.get("attempts")).intValue()).isGreaterThanOrEqualTo(2);
            assertThat(row.get("sent")).isEqualTo(false);
            assertThat((String) row.get("last_error")).isNotBlank();
        } finally {
            db.sql("DELETE FROM api.outbox WHERE id = :id").bind("id", rowId).then().block();
        }
        // Later rows still get through.
        long id = createTenant();
        assertThat(awaitMessages(DirectoryEntity.TENANT, String.valueOf(id), 1)).hasSize(1);
    }
}
