package org.faxserver.model.job;

import java.util.Objects;

/**
 * One endpoint of a delivery plan. Secrets (webhook signing keys, credentials) never travel in
 * messages; the executing service looks them up by {@code endpointId}.
 *
 * @param endpointId the directory's id of the endpoint
 * @param kind       gateway, webhook or email
 * @param target     gateway name as FreeSWITCH knows it, webhook URL, or email address(es)
 * @param maxConcurrentCalls a gateway's limit of simultaneous calls from its directory entry; null
 *                   when not set (fax-queue then applies its configured default)
 */
public record EndpointRef(String endpointId, EndpointKind kind, String target, Integer maxConcurrentCalls) {

  public EndpointRef {
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(kind, "kind");
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException("endpoint target is required");
    }
    if (maxConcurrentCalls != null && maxConcurrentCalls < 1) {
      throw new IllegalArgumentException("maxConcurrentCalls must be >= 1, was " + maxConcurrentCalls);
    }
  }

  /** An endpoint without a call limit of its own. */
  public EndpointRef(String endpointId, EndpointKind kind, String target) {
    this(endpointId, kind, target, null);
  }

  /** The same endpoint with the given call limit (null: none of its own). */
  public EndpointRef withMaxConcurrentCalls(Integer limit) {
    return new EndpointRef(endpointId, kind, target, limit);
  }

  public static EndpointRef gateway(String endpointId, String gatewayName) {
    return new EndpointRef(endpointId, EndpointKind.GATEWAY, gatewayName);
  }

  public static EndpointRef webhook(String endpointId, String url) {
    return new EndpointRef(endpointId, EndpointKind.WEBHOOK, url);
  }

  public static EndpointRef email(String endpointId, String addresses) {
    return new EndpointRef(endpointId, EndpointKind.EMAIL, addresses);
  }
}
