package org.faxserver.router.routing.adapter.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.faxserver.router.fixtures.DirectoryFixtures.ACME;
import static org.faxserver.router.fixtures.DirectoryFixtures.ACME_MAIN;
import static org.faxserver.router.fixtures.DirectoryFixtures.EXTERNAL;
import static org.faxserver.router.fixtures.DirectoryFixtures.aGateway;
import static org.faxserver.router.fixtures.DirectoryFixtures.directoryWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.rabbitmq.client.Channel;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.faxserver.model.DocumentRef;
import org.faxserver.model.job.JobOptions;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.job.JobSubmitted;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.model.messaging.MessageJson;
import org.faxserver.router.directory.model.Directory;
import org.faxserver.router.routing.application.RoutingSubmittedJobs;
import org.faxserver.router.routing.model.DeliveryPlanner;
import org.faxserver.support.CachedSnapshot;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.mockito.ArgumentCaptor;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import reactor.core.publisher.Mono;

class JobSubmittedListenerTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T07:00:00Z"), ZoneOffset.UTC);
  private static final long TAG = 42;

  private final AtomicBoolean directoryBroken = new AtomicBoolean();
  private final AtomicBoolean databaseUnreachable = new AtomicBoolean();
  private final Directory directory = directoryWith(aGateway("1", "carrier-a").global().build());
  private final CachedSnapshot<Directory> cache = new CachedSnapshot<>("Directory",
      () -> directoryBroken.get() ? Mono.error(new IllegalStateException("directory broken"))
          : databaseUnreachable.get() ? Mono.error(new DataAccessResourceFailureException(
              "Failed to obtain R2DBC Connection", new ConnectException("Connection refused")))
          : Mono.just(directory),
      Duration.ofHours(1), true, Clock.systemUTC());
  private final ConfirmedPublisher publisher = mock(ConfirmedPublisher.class);
  private final ParkingLot parking = mock(ParkingLot.class);
  private final Channel channel = mock(Channel.class);
  private final JobSubmittedListener listener = new JobSubmittedListener(
      new RoutingSubmittedJobs(cache, new DeliveryPlanner()), publisher, parking,
      new JobRoutingListener.Settings(Duration.ofSeconds(5), Duration.ZERO, 3), CLOCK);

  private static Envelope<JobSubmitted> submitted() {
    JobSubmitted job = new JobSubmitted(UUID.randomUUID(), ACME, "user-1", ACME_MAIN, EXTERNAL,
        DocumentRef.tiff("doc.tif"), 1, JobOptions.none());
    return Envelope.of(JobSubmitted.TYPE, JobSubmitted.VERSION, job.jobId().toString(), job, CLOCK);
  }

  private static Message message(byte[] body) {
    MessageProperties properties = new MessageProperties();
    properties.setDeliveryTag(TAG);
    return new Message(body, properties);
  }

  private static Message message(Envelope<?> envelope) {
    return message(MessageJson.write(envelope));
  }

  @Test
  void publishesTheRoutedJobAndThenAcks() throws Exception {
    Envelope<JobSubmitted> input = submitted();

    listener.onMessage(message(input), channel);

    ArgumentCaptor<Message> sent = ArgumentCaptor.forClass(Message.class);
    var order = org.mockito.Mockito.inOrder(publisher, channel);
    order.verify(publisher).publish(eq("fax.events"), eq("job.routed"), sent.capture());
    order.verify(channel).basicAck(TAG, false);
    Envelope<JobRouted> routed = MessageJson.read(sent.getValue().getBody(), JobRouted.class);
    assertThat(routed.payload().jobId()).isEqualTo(input.payload().jobId());
    assertThat(routed.payload().plan().endpointsInOrder()).hasSize(1);
    assertThat(routed.correlationId()).isEqualTo(input.payload().jobId().toString());
  }

  @Test
  void aRedeliveryPublishesTheSameMessageId() throws Exception {
    Envelope<JobSubmitted> input = submitted();

    listener.onMessage(message(input), channel);
    listener.onMessage(message(input), channel);

    ArgumentCaptor<Message> sent = ArgumentCaptor.forClass(Message.class);
    verify(publisher, times(2)).publish(any(), any(), sent.capture());
    assertThat(sent.getAllValues().get(0).getMessageProperties().getMessageId())
        .isEqualTo(sent.getAllValues().get(1).getMessageProperties().getMessageId());
  }

  @Test
  void unreadableJsonIsParkedNotRequeued() throws Exception {
    Message poison = message("{\"type\":\"job.submitted\",".getBytes(StandardCharsets.UTF_8));

    listener.onMessage(poison, channel);

    verify(parking).park(eq(poison), any());
    verify(channel).basicAck(TAG, false);
    verify(channel, never()).basicNack(anyLong(), anyBoolean(), anyBoolean());
    verify(publisher, never()).publish(any(), any(), any());
  }

  @Test
  void aMessageOfAnotherTypeIsParked() throws Exception {
    Message wrongType = message("{\"type\":\"job.routed\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8));

    listener.onMessage(wrongType, channel);

    verify(parking).park(eq(wrongType), any());
    verify(channel).basicAck(TAG, false);
  }

  @Test
  void aFailureIsRequeuedThenParkedAfterMaxDeliveries() throws Exception {
    directoryBroken.set(true);
    Message input = message(submitted());

    listener.onMessage(input, channel);
    listener.onMessage(input, channel);
    verify(channel, times(2)).basicNack(TAG, false, true);
    verify(parking, never()).park(any(), any());

    listener.onMessage(input, channel);
    verify(parking).park(eq(input), any());
    verify(channel).basicAck(TAG, false);
  }

  @Test
  void whileTheDatabaseIsUnreachableTheMessageIsRequeuedAsOftenAsItTakesNeverParked() throws Exception {
    databaseUnreachable.set(true);
    Message input = message(submitted());

    for (int i = 0; i < 5; i++) { // more than max-deliveries (3)
      listener.onMessage(input, channel);
    }
    verify(channel, times(5)).basicNack(TAG, false, true);
    verify(parking, never()).park(any(), any());

    databaseUnreachable.set(false);
    listener.onMessage(input, channel);
    verify(publisher).publish(eq("fax.events"), eq("job.routed"), any());
    verify(channel).basicAck(TAG, false);
  }

  @Test
  void anUnconfirmedPublishIsRequeuedNotAcked() throws Exception {
    doThrow(new PublishFailedException("no confirm")).when(publisher).publish(any(), any(), any());

    listener.onMessage(message(submitted()), channel);

    verify(channel).basicNack(TAG, false, true);
    verify(channel, never()).basicAck(anyLong(), anyBoolean());
  }

  @Test
  void whenParkingFailsTooTheMessageIsRequeued() throws Exception {
    Message poison = message("nope".getBytes(StandardCharsets.UTF_8));
    doThrow(new PublishFailedException("broker gone")).when(parking).park(any(), any());

    listener.onMessage(poison, channel);

    verify(channel).basicNack(TAG, false, true);
    verify(channel, never()).basicAck(anyLong(), anyBoolean());
  }
}
