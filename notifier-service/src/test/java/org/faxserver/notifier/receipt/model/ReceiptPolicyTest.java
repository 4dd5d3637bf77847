package org.faxserver.notifier.receipt.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiptPolicyTest {

  final ReceiptPolicy policy = new ReceiptPolicy();

  @Test
  void theNumbersSettingOverridesTheTenants() {
    ReceiptPolicy.Decision d = policy.decide("email_report->tenant@example.test", "webhook->https://n.example/h", true);
    assertThat(d.orders()).extracting(ReceiptOrder::kind).containsExactly(ReceiptKind.WEBHOOK);
  }

  @Test
  void aBlankNumberSettingFallsBackToTheTenant() {
    ReceiptPolicy.Decision d = policy.decide("email_report->tenant@example.test", "  ", true);
    assertThat(d.orders()).singleElement().satisfies(o -> {
      assertThat(o.kind()).isEqualTo(ReceiptKind.EMAIL_REPORT);
      assertThat(o.targets()).containsExactly("tenant@example.test");
      assertThat(o.attachReport()).isTrue();
      assertThat(o.attachDocument()).isFalse();
    });
  }

  @Test
  void anEmailReceiptWithoutAddressesIsSkippedNotTheWholeSetting() {
    ReceiptPolicy.Decision d = policy.decide("email_report-> ; ,webhook->https://n.example/h", null, true);
    assertThat(d.orders()).extracting(ReceiptOrder::kind).containsExactly(ReceiptKind.WEBHOOK);
    assertThat(d.ignored()).anySatisfy(why -> assertThat(why).contains("email_report without an email address"));
  }

  @Test
  void emailFullAttachesTheFaxAndSplitsAddressesOnSemicolons() {
    ReceiptOrder o = policy.decide("email_full-> a@example.test ; b@example.test", null, true).orders().get(0);
    assertThat(o.channel()).isEqualTo("email");
    assertThat(o.targets()).containsExactly("a@example.test", "b@example.test");
    assertThat(o.attachDocument()).isTrue();
    assertThat(o.attachReport()).isTrue();
  }

  @Test
  void emailFullFailureFiresOnlyForFailures() {
    String spec = "email_full_failure->ops@example.test";
    assertThat(policy.decide(spec, null, true).orders()).isEmpty();
    assertThat(policy.decide(spec, null, false).orders()).extracting(ReceiptOrder::kind)
        .containsExactly(ReceiptKind.EMAIL_FULL_FAILURE);
  }

  @Test
  void everyOtherKindFiresForSuccessAndFailure() {
    String spec = "email_report->a@x.test,email_full->b@x.test,webhook->https://h.test/1,webhook_form->https://h.test/2";
    for (boolean success : List.of(true, false)) {
      assertThat(policy.decide(spec, null, success).orders()).extracting(ReceiptOrder::kind).containsExactly(
          ReceiptKind.EMAIL_REPORT, ReceiptKind.EMAIL_FULL, ReceiptKind.WEBHOOK, ReceiptKind.WEBHOOK_FORM);
    }
  }

  @Test
  void webhookIsJsonAndWebhookFormIsMultipartWithFiles() {
    List<ReceiptOrder> orders = policy.decide("webhook->https://h.test/1,webhook_form->https://h.test/2", null, true)
        .orders();
    assertThat(orders.get(0).multipart()).isFalse();
    assertThat(orders.get(0).attachDocument()).isFalse();
    assertThat(orders.get(1).multipart()).isTrue();
    assertThat(orders.get(1).attachDocument()).isTrue();
    assertThat(orders.get(1).attachReport()).isTrue();
  }

  @Test
  void unknownKindsAndMalformedSegmentsAreReportedNotFatal() {
    ReceiptPolicy.Decision d = policy.decide("gateway->gw1, nonsense ,email_report->a@x.test", null, true);
    assertThat(d.orders()).extracting(ReceiptOrder::kind).containsExactly(ReceiptKind.EMAIL_REPORT);
    assertThat(d.ignored()).hasSize(2).anyMatch(s -> s.contains("gateway")).anyMatch(s -> s.contains("nonsense"));
  }

  @Test
  void identicalReceiptsAreSentOnce() {
    assertThat(policy.decide("webhook->https://h.test/1, webhook->https://h.test/1", null, true).orders()).hasSize(1);
  }

  @Test
  void noSettingMeansNoReceipts() {
    assertThat(policy.decide(null, null, false).orders()).isEmpty();
  }
}
