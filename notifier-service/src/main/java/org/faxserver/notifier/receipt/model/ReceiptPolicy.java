package org.faxserver.notifier.receipt.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which receipts a fax gets. The number's notify string wins over the tenant's when it is not blank
 * (the seed's rule). Per kind:
 *
 * <ul>
 *   <li>{@code email_report}: email with the report, for every outcome;
 *   <li>{@code email_full}: email with the report and the fax PDF (when a document exists), every outcome;
 *   <li>{@code email_full_failure}: the same, only for failures;
 *   <li>{@code webhook}: JSON POST, every outcome; {@code webhook_form}: multipart POST with the
 *       report and the fax PDF, every outcome.
 * </ul>
 *
 * Unknown kinds (the seed's {@code gateway} TODO, typos) are returned as {@link Decision#ignored()}
 * so the caller can log them; identical receipts are sent once.
 */
public final class ReceiptPolicy {

  /** The receipts to send, and the segments that were skipped with why. */
  public record Decision(List<ReceiptOrder> orders, List<String> ignored) {}

  public Decision decide(String tenantNotify, String numberNotify, boolean faxSucceeded) {
    String spec = numberNotify != null && !numberNotify.isBlank() ? numberNotify : tenantNotify;
    NotifySpec.Parsed parsed = NotifySpec.parse(spec);
    List<String> ignored = new ArrayList<>(parsed.problems());
    Map<String, ReceiptOrder> orders = new LinkedHashMap<>();
    for (NotifySpec.Entry entry : parsed.entries()) {
      Optional<ReceiptKind> kind = ReceiptKind.bySpecName(entry.kind());
      if (kind.isEmpty()) {
        ignored.add("unknown receipt kind '" + entry.kind() + "'");
        continue;
      }
      if (kind.get().name().startsWith("EMAIL") && addresses(entry.destination()).isEmpty()) {
        ignored.add(entry.kind() + " without an email address");
        continue;
      }
      order(kind.get(), entry.destination(), faxSucceeded)
          .ifPresent(o -> orders.putIfAbsent(o.kind() + "->" + o.destination(), o));
    }
    return new Decision(List.copyOf(orders.values()), List.copyOf(ignored));
  }

  private static Optional<ReceiptOrder> order(ReceiptKind kind, String destination, boolean succeeded) {
    return switch (kind) {
      case EMAIL_REPORT -> Optional.of(email(kind, destination, false));
      case EMAIL_FULL -> Optional.of(email(kind, destination, true));
      case EMAIL_FULL_FAILURE -> succeeded ? Optional.empty() : Optional.of(email(kind, destination, true));
      case WEBHOOK -> Optional.of(
          new ReceiptOrder(kind, "webhook", List.of(destination), destination, false, false, false));
      case WEBHOOK_FORM -> Optional.of(
          new ReceiptOrder(kind, "webhook", List.of(destination), destination, true, true, true));
    };
  }

  private static ReceiptOrder email(ReceiptKind kind, String destination, boolean withDocument) {
    return new ReceiptOrder(kind, "email", addresses(destination), destination, withDocument, true, false);
  }

  private static List<String> addresses(String destination) {
    return Arrays.stream(destination.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
