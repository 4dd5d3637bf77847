package org.faxserver.router.inbound.adapter.amqp;

import static org.faxserver.router.fixtures.DirectoryFixtures.ACME;
import static org.faxserver.router.fixtures.DirectoryFixtures.ACME_MAIN;
import static org.faxserver.router.fixtures.DirectoryFixtures.EXTERNAL;
import static org.faxserver.router.fixtures.DirectoryFixtures.aGateway;
import static org.faxserver.router.fixtures.DirectoryFixtures.directoryWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.rabbitmq.client.Channel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.faxserver.model.fax.FaxResult;
import org.faxserver.model.fax.HangupCause;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.router.directory.model.Directory;
import org.faxserver.router.inbound.application.RelayingReceivedFaxes;
import org.faxserver.router.inbound.model.ReceivedFaxPlanner;
import org.faxserver.router.routing.adapter.amqp.ConfirmedPublisher;
import org.faxserver.router.routing.adapter.amqp.JobRoutingListener;
import org.faxserver.router.routing.adapter.amqp.ParkingLot;
import org.faxserver.router.routing.model.DeliveryPlanner;
import org.faxserver.support.CachedSnapshot;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import reactor.core.publisher.Mono;

/** What differs from {@code job.submitted}: a failed reception publishes nothing (the shared flow is tested there). */
class InboundReceivedListenerTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T07:00:00Z"), ZoneOffset.UTC);
  private static final long TAG = 7;

  private final CachedSnapshot<Directory> cache = new CachedSnapshot<>("Directory",
      () -> Mono.just(directoryWith(aGateway("1", "carrier-a").global().build())), Duration.ofHours(1), true,
      Clock.systemUTC());
  private final ConfirmedPublisher publisher = mock(ConfirmedPublisher.class);
  private final ParkingLot parking = mock(ParkingLot.class);
  private final Channel channel = mock(Channel.class);
  private final InboundReceivedListener listener = new InboundReceivedListener(
      new RelayingReceivedFaxes(cache, new ReceivedFaxPlanner(new DeliveryPlanner())), publisher, parking,
      new JobRoutingListener.Settings(Duration.ofSeconds(5), Duration.ZERO, 3), CLOCK);

  private static Message message(byte[] body) {
    MessageProperties properties = new MessageProperties();
    properties.setDeliveryTag(TAG);
    return new Message(body, properties);
  }

  @Test
  void aFailedReceptionIsAckedWithoutAJob() throws Exception {
    InboundReceived failed = new InboundReceived(UUID.randomUUID(), ACME, EXTERNAL, ACME_MAIN, "carrier-a", null,
        FaxResult.notStarted(HangupCause.NORMAL_CLEARING, "no fax"), CLOCK.instant());

    listener.onMessage(message(MessageJson.write(Envelope.of(InboundReceived.TYPE, InboundReceived.VERSION,
        failed.callId().toString(), failed, CLOCK))), channel);

    verify(channel).basicAck(TAG, false);
    verify(publisher, never()).publish(any(), any(), any());
    verify(parking, never()).park(any(), any());
  }

  @Test
  void aMessageOfAnotherTypeIsParkedAsUnreadable() throws Exception {
    Message wrongType = message("{\"type\":\"job.submitted\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8));

    listener.onMessage(wrongType, channel);

    verify(parking).park(eq(wrongType), contains("unreadable inbound.received"));
    verify(channel).basicAck(TAG, false);
    verify(channel, never()).basicNack(anyLong(), anyBoolean(), anyBoolean());
  }
}
