package org.faxserver.notifier.receipt.model;

import java.util.Arrays;
import java.util.Optional;

/** The seed's receipt kinds, by their notify-string names. */
public enum ReceiptKind {
  /** Email with the transmission report PDF. */
  EMAIL_REPORT("email_report"),
  /** Email with the report and the fax as PDF. */
  EMAIL_FULL("email_full"),
  /** Like {@link #EMAIL_FULL}, only when the fax failed. */
  EMAIL_FULL_FAILURE("email_full_failure"),
  /** JSON POST of the outcome. */
  WEBHOOK("webhook"),
  /** multipart/form-data POST: the outcome as JSON plus the report and the fax as PDF files. */
  WEBHOOK_FORM("webhook_form");

  private final String specName;

  ReceiptKind(String specName) {
    this.specName = specName;
  }

  public String specName() {
    return specName;
  }

  public static Optional<ReceiptKind> bySpecName(String name) {
    return Arrays.stream(values()).filter(k -> k.specName.equals(name)).findFirst();
  }
}
