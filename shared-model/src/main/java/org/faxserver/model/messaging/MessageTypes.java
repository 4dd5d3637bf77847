package org.faxserver.model.messaging;

import java.util.Map;
import java.util.Optional;
import org.faxserver.model.attempt.AttemptFinished;
import org.faxserver.model.attempt.AttemptProgress;
import org.faxserver.model.attempt.OriginateFax;
import org.faxserver.model.delivery.DeliverEmail;
import org.faxserver.model.delivery.DeliverWebhook;
import org.faxserver.model.delivery.DeliveryFinished;
import org.faxserver.model.directory.DirectoryChanged;
import org.faxserver.model.fallback.FallbackChange;
import org.faxserver.model.fallback.OverrideChange;
import org.faxserver.model.inbound.InboundReceived;
import org.faxserver.model.inbound.InboundRouteDecision;
import org.faxserver.model.inbound.InboundRouteRequest;
import org.faxserver.model.job.CallKill;
import org.faxserver.model.delivery.DeliveryRedeliver;
import org.faxserver.model.job.JobCancel;
import org.faxserver.model.job.JobCompleted;
import org.faxserver.model.job.JobRouted;
import org.faxserver.model.job.JobStatusChanged;
import org.faxserver.model.job.JobSubmitted;

/**
 * Envelope {@code type} → payload class, so a consumer that reads several types from one queue can
 * pick the class after {@link MessageJson#typeOf(byte[])}.
 */
public final class MessageTypes {

  private static final Map<String, Class<?>> PAYLOADS =
      Map.ofEntries(
          Map.entry(JobSubmitted.TYPE, JobSubmitted.class),
          Map.entry(JobRouted.TYPE, JobRouted.class),
          Map.entry(OriginateFax.TYPE, OriginateFax.class),
          Map.entry(AttemptProgress.TYPE, AttemptProgress.class),
          Map.entry(AttemptFinished.TYPE, AttemptFinished.class),
          Map.entry(InboundRouteRequest.TYPE, InboundRouteRequest.class),
          Map.entry(InboundRouteDecision.TYPE, InboundRouteDecision.class),
          Map.entry(InboundReceived.TYPE, InboundReceived.class),
          Map.entry(DeliverWebhook.TYPE, DeliverWebhook.class),
          Map.entry(DeliverEmail.TYPE, DeliverEmail.class),
          Map.entry(DeliveryFinished.TYPE, DeliveryFinished.class),
          Map.entry(JobStatusChanged.TYPE, JobStatusChanged.class),
          Map.entry(JobCompleted.TYPE, JobCompleted.class),
          Map.entry(DirectoryChanged.TYPE, DirectoryChanged.class),
          Map.entry(JobCancel.TYPE, JobCancel.class),
          Map.entry(DeliveryRedeliver.TYPE, DeliveryRedeliver.class),
          Map.entry(CallKill.TYPE, CallKill.class),
          Map.entry(FallbackChange.SET_TYPE, FallbackChange.class),
          Map.entry(FallbackChange.REMOVE_TYPE, FallbackChange.class),
          Map.entry(FallbackChange.CHANGED_TYPE, FallbackChange.class),
          Map.entry(OverrideChange.SET_TYPE, OverrideChange.class),
          Map.entry(OverrideChange.REMOVE_TYPE, OverrideChange.class),
          Map.entry(OverrideChange.CHANGED_TYPE, OverrideChange.class));

  private MessageTypes() {}

  /** The payload class for an envelope type; empty for types this version does not know. */
  public static Optional<Class<?>> payloadClass(String type) {
    return Optional.ofNullable(type).map(PAYLOADS::get);
  }

  /** Every known type and its payload class. */
  public static Map<String, Class<?>> all() {
    return PAYLOADS;
  }
}
