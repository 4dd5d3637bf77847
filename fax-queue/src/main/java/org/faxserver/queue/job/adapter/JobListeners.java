package org.faxserver.queue.job.adapter;

import java.time.Duration;
import java.util.List;
import org.faxserver.model.job.JobCancel;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.messaging.Envelope;
import org.faxserver.queue.config.QueueNames;
import org.faxserver.queue.job.application.AcceptingJobs;
import org.faxserver.queue.job.application.CancellingJobs;
import org.faxserver.support.EnvelopeBatch;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * AMQP entry for jobs. Each method waits for its transaction, so the messages are acked only after commit; a
 * failure is retried and finally parked by the container.
 */
public final class JobListeners {

  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final AcceptingJobs accepting;
  private final CancellingJobs cancelling;
  private final Runnable jobsDue;
  private final MessageConverter converter;
  private final MessageRecoverer parking;

  /**
   * @param jobsDue   called after a commit that may have made a job due now (the scheduler's nudge)
   * @param converter reads {@code job.routed} envelopes
   * @param parking   parks a {@code job.routed} message that cannot be read, or stored even alone
   */
  public JobListeners(AcceptingJobs accepting, CancellingJobs cancelling, Runnable jobsDue,
      MessageConverter converter, MessageRecoverer parking) {
    this.accepting = accepting;
    this.cancelling = cancelling;
    this.jobsDue = jobsDue;
    this.converter = converter;
    this.parking = parking;
  }

  /**
   * The {@code job.routed} messages that were waiting, oldest first, accepted by one transaction (see
   * {@code jobRoutedListenerContainerFactory}). If that fails, they are accepted one by one, so that a job that
   * cannot be stored does not hold back the others: one that fails again, alone, is parked (it failed twice while
   * the jobs around it were stored). While PostgreSQL or the broker is unreachable nothing is parked: the batch goes
   * back to its queue, and the jobs stored meanwhile are found and ignored when it comes again.
   */
  @RabbitListener(queues = "#{@queueNames.jobRouted()}", concurrency = QueueNames.INTAKE_CONSUMERS,
      containerFactory = "jobRoutedListenerContainerFactory")
  public void onJobsRouted(List<Message> oldestFirst) {
    EnvelopeBatch.read(oldestFirst, converter, JobRouted.class).handleTogetherOrAlone(this::accept, parking);
  }

  private void accept(List<Envelope<JobRouted>> routed) {
    if (Boolean.TRUE.equals(accepting.accept(routed).block(TIMEOUT))) {
      jobsDue.run();
    }
  }

  @RabbitListener(queues = "#{@queueNames.jobCancel()}")
  public void onJobCancel(Envelope<JobCancel> envelope) {
    cancelling.cancel(envelope).block(TIMEOUT);
  }
}
