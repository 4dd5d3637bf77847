package org.faxserver.gateway.send.adapter.esl;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.faxserver.esl.EslConnectionListener;
import org.faxserver.esl.EslEvent;
import org.faxserver.esl.EslEventListener;
import org.faxserver.gateway.send.application.SendingFaxes;

/**
 * Translates the ESL connection's callbacks for {@link SendingFaxes}: channel events by
 * {@code Unique-ID} (our attempt id, since we originate with {@code origination_uuid}), the
 * BACKGROUND_JOB by its {@code Job-UUID}, and connects and disconnects. Runs on the client's dispatch
 * thread, which must never block, so the reconciliation after a connect goes to a worker.
 */
public final class EslEventRouter implements EslEventListener, EslConnectionListener {

  /** Channel events of a sending call, as mod_spandsp and the captures show them. */
  public static final List<String> EVENTS = List.of("CHANNEL_CREATE", "CHANNEL_ANSWER", "CHANNEL_EXECUTE_COMPLETE",
      "CHANNEL_HANGUP", "CHANNEL_HANGUP_COMPLETE", "CHANNEL_CALLSTATE", "BACKGROUND_JOB");

  /** mod_spandsp's sending events. */
  public static final List<String> SUBCLASSES = List.of("spandsp::txfaxnegociateresult", "spandsp::txfaxpageresult",
      "spandsp::txfaxresult");

  private static final long RECONCILE_RETRY_MILLIS = 2000;

  private final Executor worker;
  private volatile SendingFaxes sending;

  public EslEventRouter(Executor worker) {
    this.worker = Objects.requireNonNull(worker);
  }

  /** Where events go; set once the use case exists (the client is built before it). */
  public void deliverTo(SendingFaxes target) {
    this.sending = Objects.requireNonNull(target);
  }

  @Override
  public void onEvent(EslEvent event) {
    SendingFaxes target = sending;
    if (target == null) {
      return;
    }
    if (event.is("BACKGROUND_JOB")) {
      if (event.jobUuid() != null) {
        target.onBackgroundJob(event.jobUuid(), event.body());
      }
      return;
    }
    UUID channel = uuid(event.uniqueId());
    if (channel != null) {
      target.onChannelEvent(channel, event::header);
    }
  }

  @Override
  public void onConnected() {
    SendingFaxes target = sending;
    if (target != null) {
      worker.execute(() -> reconcile(target));
    }
  }

  /** Reconciles; a failure (FreeSWITCH slow to answer) is retried while the connection stays up. */
  private void reconcile(SendingFaxes target) {
    while (!target.connected() && target.isConnected()) {
      try {
        Thread.sleep(RECONCILE_RETRY_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void onDisconnected(Throwable cause) {
    SendingFaxes target = sending;
    if (target != null) {
      target.disconnected();
    }
  }

  private static UUID uuid(String text) {
    if (text == null || text.length() != 36) {
      return null; // not a channel we could have originated
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
