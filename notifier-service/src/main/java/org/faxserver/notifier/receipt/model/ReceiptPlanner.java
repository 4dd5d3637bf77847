package org.faxserver.notifier.receipt.model;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.faxserver.notifier.delivery.model.DeliveryTask;
import org.faxserver.notifier.delivery.model.FaxNotice;
import org.faxserver.notifier.delivery.model.Purpose;

/**
 * Turns a notice and the applicable notify strings into receipt deliveries. Delivery ids are derived
 * from the event, job, kind and destination, so a redelivered message plans the very same deliveries
 * (and receivers see the same event id).
 */
public final class ReceiptPlanner {

  /** The deliveries and the notify segments that were skipped. */
  public record Plan(List<DeliveryTask> tasks, List<String> ignored) {}

  private final ReceiptPolicy policy;

  public ReceiptPlanner(ReceiptPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  public Plan plan(FaxNotice notice, String tenantNotify, String numberNotify) {
    ReceiptPolicy.Decision decision = policy.decide(tenantNotify, numberNotify, notice.success());
    List<DeliveryTask> tasks = decision.orders().stream().map(order -> new DeliveryTask(
        receiptId(notice, order), Purpose.RECEIPT, order.channel(), order.targets(), null, null,
        order.kind().specName(), order.attachDocument(), order.attachReport(), order.multipart(), notice))
        .toList();
    return new Plan(tasks, decision.ignored());
  }

  static UUID receiptId(FaxNotice notice, ReceiptOrder order) {
    String name = "receipt|" + notice.event().wireName() + "|" + notice.jobId() + "|" + order.kind().specName()
        + "|" + order.destination();
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
