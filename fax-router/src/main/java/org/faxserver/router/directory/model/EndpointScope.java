package org.faxserver.router.directory.model;

/** Which entries an endpoint serves: one number, every number of a tenant, or external destinations. */
public enum EndpointScope {
  /** Delivery for one tenant number; wins over the tenant's endpoints. */
  NUMBER,
  /** Delivery for every number of a tenant that has no number endpoint of its own. */
  TENANT,
  /** Carrier gateways: destinations that are not numbers on this system go out through these. */
  GLOBAL
}
