package org.faxserver.model.job;

/** Where a job came from. */
public enum JobOrigin {
  /** Submitted through the REST API. */
  API,
  /** A fax received from a carrier, relayed to the tenant's endpoints (store and forward). */
  INBOUND
}
