package org.faxserver.notifier.delivery.model;

/** Why a delivery exists. */
public enum Purpose {
  /** fax-queue asked for it ({@code deliver.*}); its end is reported as {@code delivery.finished}. */
  DOCUMENT,
  /** A receipt configured on the tenant or number; nobody waits for it. */
  RECEIPT
}
