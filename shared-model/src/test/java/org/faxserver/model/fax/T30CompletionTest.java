package org.faxserver.model.fax;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class T30CompletionTest {

  // Texts as t30_completion_code_to_str() prints them (reference §1.9 and libspandsp 0.0.6).
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0|OK|OK",
        "2|T0_EXPIRED|Timed out waiting for initial communication",
        "6|CANNOT_TRAIN|Failed to train with any of the compatible modems",
        "20|TX_PHBDEAD|Received no response to DCS or TCF",
        "27|RX_NOEOL|Timed out while waiting for EOL (end Of line)",
        "41|FILEERROR|TIFF/F file cannot be opened",
        "48|RETRYDCN|Disconnected after permitted retries",
        "49|CALLDROPPED|The call dropped prematurely",
        "50|NOPOLL|Poll not accepted",
        "61|CSA_UNACCEPTABLE|Called subscriber internet address not accepted",
      })
  void knownCodeHasSpandspNameAndText(int code, String name, String text) {
    T30Completion completion = T30Completion.byCode(code).orElseThrow();

    assertThat(completion.name()).isEqualTo(name);
    assertThat(completion.code()).isEqualTo(code);
    assertThat(completion.text()).isEqualTo(text);
  }

  @Test
  void coversEveryCodeFrom0To61InOrder() {
    assertThat(T30Completion.values()).hasSize(62);
    for (T30Completion completion : T30Completion.values()) {
      assertThat(T30Completion.byCode(completion.code())).contains(completion);
      assertThat(completion.code()).isEqualTo(completion.ordinal());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 62, 100, Integer.MAX_VALUE})
  void unknownCodeIsEmpty(int code) {
    assertThat(T30Completion.byCode(code)).isEmpty();
  }

  @Test
  void onlyOkIsSuccess() {
    assertThat(T30Completion.OK.isSuccess()).isTrue();
    assertThat(T30Completion.CALLDROPPED.isSuccess()).isFalse();
    assertThat(T30Completion.OK.isRetryable()).isFalse();
  }

  @Test
  void documentErrorsAreNotRetryableButLineTroubleIs() {
    assertThat(T30Completion.BADTIFF.isDocumentError()).isTrue();
    assertThat(T30Completion.BADTIFF.isRetryable()).isFalse();
    assertThat(T30Completion.NOMEM.isDocumentError()).isTrue();
    assertThat(T30Completion.RETRYDCN.isDocumentError()).isFalse();
    assertThat(T30Completion.CANNOT_TRAIN.isRetryable()).isTrue();
    assertThat(T30Completion.CALLDROPPED.isRetryable()).isTrue();
  }
}
