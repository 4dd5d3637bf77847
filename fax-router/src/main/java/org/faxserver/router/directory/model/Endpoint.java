package org.faxserver.router.directory.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.faxserver.model.fax.T38Policy;
import org.faxserver.model.job.EndpointKind;
import org.faxserver.model.job.EndpointRef;
import org.faxserver.model.net.AddressBlock;
import org.faxserver.model.net.IpAddress;

/**
 * A place a fax can be delivered to (gateway, webhook, email), or for source-only gateways only a
 * place calls come from.
 *
 * @param id             the directory's id (opaque)
 * @param scope          number, tenant or global
 * @param tenantId       owning tenant; null for GLOBAL
 * @param numberId       the number it serves; only for NUMBER
 * @param kind           gateway, webhook or email
 * @param priority       lower is tried first
 * @param enabled        disabled endpoints are neither delivery targets nor call sources
 * @param sourceOnly     the seed's priority 666: recognises calls from this gateway, never delivers to
 *                       it
 * @param lastResort     the seed's priority 999: tried after every other endpoint whatever its priority
 * @param target         gateway name as FreeSWITCH knows it, webhook URL, or email address(es)
 * @param allowedSources for gateways: the addresses calls from it may come from; empty otherwise
 * @param t38Policy      for gateways: T.38 handling; null for the service default
 * @param maxConcurrentCalls for gateways: the limit of simultaneous calls; null for fax-queue's default
 */
public record Endpoint(
    String id,
    EndpointScope scope,
    String tenantId,
    String numberId,
    EndpointKind kind,
    int priority,
    boolean enabled,
    boolean sourceOnly,
    boolean lastResort,
    String target,
    List<AddressBlock> allowedSources,
    T38Policy t38Policy,
    Integer maxConcurrentCalls) {

  /**
   * Delivery order: ordinary endpoints by priority, then last-resort ones by priority; equal
   * priorities by id so the plan does not depend on the order rows came from the database.
   */
  public static final Comparator<Endpoint> DELIVERY_ORDER =
      Comparator.comparing(Endpoint::lastResort)
          .thenComparingInt(Endpoint::priority)
          .thenComparing(Endpoint::id, Endpoint::compareIds);

  public Endpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    allowedSources = allowedSources == null ? List.of() : List.copyOf(allowedSources);
    if (scope != EndpointScope.GLOBAL && tenantId == null) {
      throw new IllegalArgumentException(scope + " endpoint " + id + " needs a tenant");
    }
    if (scope == EndpointScope.NUMBER && numberId == null) {
      throw new IllegalArgumentException("NUMBER endpoint " + id + " needs a number");
    }
    if (sourceOnly && kind != EndpointKind.GATEWAY) {
      throw new IllegalArgumentException("only a gateway can be source-only, endpoint " + id);
    }
  }

  /** Whether a plan may send faxes here. */
  public boolean isDeliveryTarget() {
    return enabled && !sourceOnly;
  }

  /** Whether this is an enabled gateway that calls may come from, source-only ones included. */
  public boolean isCallSource() {
    return enabled && kind == EndpointKind.GATEWAY;
  }

  /** The longest of this gateway's allowed blocks containing {@code address}, if any does. */
  public Optional<AddressBlock> bestMatchFor(IpAddress address) {
    return allowedSources.stream()
        .filter(block -> block.contains(address))
        .max(Comparator.comparingInt(AddressBlock::prefixLength));
  }

  /** The form a delivery plan carries. */
  public EndpointRef toRef() {
    return new EndpointRef(id, kind, target, kind == EndpointKind.GATEWAY ? maxConcurrentCalls : null);
  }

  /**
   * Directory ids are opaque strings (decision 0003) but usually decimal keys; comparing digit strings
   * by length first keeps "9" before "10" without assuming they are numbers.
   */
  static int compareIds(String a, String b) {
    if (isDigits(a) && isDigits(b) && a.length() != b.length()) {
      return Integer.compare(a.length(), b.length());
    }
    return a.compareTo(b);
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
