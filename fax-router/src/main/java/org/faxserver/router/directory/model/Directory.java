package org.faxserver.router.directory.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.faxserver.model.PhoneNumber;

/**
 * An immutable snapshot of the directory (tenants, their numbers, endpoints), indexed the ways routing
 * asks. The router plans against one snapshot at a time, so a plan never mixes two directory states.
 */
public final class Directory {

  private static final Directory EMPTY = of(List.of(), List.of(), List.of());

  private final Map<String, Tenant> tenants;
  private final Map<PhoneNumber, TenantNumber> numbers;
  private final Map<String, List<Endpoint>> byNumber;
  private final Map<String, List<Endpoint>> byTenant;
  private final List<Endpoint> global;
  private final List<Endpoint> all;

  private Directory(
      Map<String, Tenant> tenants,
      Map<PhoneNumber, TenantNumber> numbers,
      Map<String, List<Endpoint>> byNumber,
      Map<String, List<Endpoint>> byTenant,
      List<Endpoint> global,
      List<Endpoint> all) {
    this.tenants = tenants;
    this.numbers = numbers;
    this.byNumber = byNumber;
    this.byTenant = byTenant;
    this.global = global;
    this.all = all;
  }

  /** Builds the indexes; endpoints keep their scope (TENANT ones are not copied to numbers). */
  public static Directory of(
      Collection<Tenant> tenants, Collection<TenantNumber> numbers, Collection<Endpoint> endpoints) {
    Map<String, Tenant> tenantIndex = new HashMap<>();
    tenants.forEach(t -> tenantIndex.put(t.id(), t));
    Map<PhoneNumber, TenantNumber> numberIndex = new HashMap<>();
    numbers.forEach(n -> numberIndex.put(n.number(), n));
    Map<String, List<Endpoint>> byNumber = new HashMap<>();
    Map<String, List<Endpoint>> byTenant = new HashMap<>();
    List<Endpoint> global = new ArrayList<>();
    for (Endpoint e : endpoints) {
      switch (e.scope()) {
        case NUMBER -> byNumber.computeIfAbsent(e.numberId(), k -> new ArrayList<>()).add(e);
        case TENANT -> byTenant.computeIfAbsent(e.tenantId(), k -> new ArrayList<>()).add(e);
        case GLOBAL -> global.add(e);
      }
    }
    return new Directory(
        Map.copyOf(tenantIndex),
        Map.copyOf(numberIndex),
        copyLists(byNumber),
        copyLists(byTenant),
        List.copyOf(global),
        List.copyOf(endpoints));
  }

  /** A directory with nothing in it. */
  public static Directory empty() {
    return EMPTY;
  }

  public Optional<Tenant> tenant(String tenantId) {
    return Optional.ofNullable(tenantId).map(tenants::get);
  }

  /** The tenant number, if {@code number} is a number on this system. */
  public Optional<TenantNumber> number(PhoneNumber number) {
    return Optional.ofNullable(number).map(numbers::get);
  }

  /** Endpoints scoped to this one number, in no particular order. */
  public List<Endpoint> numberEndpoints(TenantNumber number) {
    return byNumber.getOrDefault(number.id(), List.of());
  }

  /** Endpoints scoped to the whole tenant, in no particular order. */
  public List<Endpoint> tenantEndpoints(String tenantId) {
    return byTenant.getOrDefault(tenantId, List.of());
  }

  /** GLOBAL endpoints (carrier gateways), in no particular order. */
  public List<Endpoint> globalEndpoints() {
    return global;
  }

  /** Every endpoint of every scope, e.g. to find which gateway a call came from. */
  public List<Endpoint> allEndpoints() {
    return all;
  }

  /** Sizes, for logs. */
  @Override
  public String toString() {
    return "Directory[" + tenants.size() + " tenants, " + numbers.size() + " numbers, "
        + all.size() + " endpoints]";
  }

  private static Map<String, List<Endpoint>> copyLists(Map<String, List<Endpoint>> lists) {
    Map<String, List<Endpoint>> copy = new HashMap<>();
    lists.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return Map.copyOf(copy);
  }
}
