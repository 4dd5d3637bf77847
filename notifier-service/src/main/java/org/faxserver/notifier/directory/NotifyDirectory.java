package org.faxserver.notifier.directory;

import java.util.Map;
import java.util.Optional;

/**
 * What notifier-service needs from api-service's directory: the notify strings of tenants and
 * numbers and the webhook endpoints' signing settings. An immutable snapshot.
 *
 * @param tenantNotify  tenant id → notify string (tenants without one are absent)
 * @param numbers       E.164 number → its tenant and notify string
 * @param webhooks      endpoint id → webhook settings
 */
public record NotifyDirectory(
    Map<String, String> tenantNotify, Map<String, Number> numbers, Map<String, Webhook> webhooks) {

  /** A tenant number. */
  public record Number(String tenantId, String notifySpec) {}

  /** A webhook endpoint; {@code multipart} when its payload style is MULTIPART. */
  public record Webhook(String secret, boolean multipart) {}

  public NotifyDirectory {
    tenantNotify = Map.copyOf(tenantNotify);
    numbers = Map.copyOf(numbers);
    webhooks = Map.copyOf(webhooks);
  }

  public String tenantNotify(String tenantId) {
    return tenantNotify.get(tenantId);
  }

  /** The number's notify string when {@code e164} is a number of {@code tenantId}. */
  public Optional<Number> number(String tenantId, String e164) {
    return Optional.ofNullable(e164 == null ? null : numbers.get(e164)).filter(n -> n.tenantId().equals(tenantId));
  }

  /** The tenant whose number {@code e164} is, if any. */
  public Optional<String> ownerOf(String e164) {
    return Optional.ofNullable(e164 == null ? null : numbers.get(e164)).map(Number::tenantId);
  }

  public Optional<Webhook> webhook(String endpointId) {
    return Optional.ofNullable(webhooks.get(endpointId));
  }

  @Override
  public String toString() {
    return "NotifyDirectory[" + tenantNotify.size() + " tenant specs, " + numbers.size() + " numbers, "
        + webhooks.size() + " webhooks]";
  }
}
