package org.faxserver.router.routing.adapter.amqp;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import org.faxserver.model.job.JobSubmitted;
import org.faxserver.router.routing.application.RoutingSubmittedJobs;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * Consumes {@code job.submitted}, publishes {@code job.routed} with a confirm, then acks: at-least-once.
 * A redelivery publishes the same {@code job.routed} message id again (derived from the input's), and
 * fax-queue dedupes on the job id anyway. Parking and retries: {@link JobRoutingListener}.
 */
public final class JobSubmittedListener implements ChannelAwareMessageListener {

  private static final JobRoutingListener.Input<JobSubmitted> INPUT = new JobRoutingListener.Input<>(
      JobSubmitted.class, JobSubmitted.TYPE, JobSubmitted.VERSION, "Routing", job -> "job " + job.jobId());

  private final JobRoutingListener<JobSubmitted> listener;

  public JobSubmittedListener(RoutingSubmittedJobs routing, ConfirmedPublisher publisher,
      ParkingLot parking, JobRoutingListener.Settings settings, Clock clock) {
    Objects.requireNonNull(routing, "routing");
    this.listener = new JobRoutingListener<>(INPUT, routing::route, publisher, parking, settings, clock);
  }

  @Override
  public void onMessage(Message message, Channel channel) throws IOException {
    listener.onMessage(message, channel);
  }
}
