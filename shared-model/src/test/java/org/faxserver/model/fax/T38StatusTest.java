package org.faxserver.model.fax;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class T38StatusTest {

  @ParameterizedTest
  @CsvSource({"off, OFF", "requested, REQUESTED", "negotiated, NEGOTIATED", "refused, REFUSED", "OFF, OFF"})
  void readsModSpandspValues(String value, T38Status expected) {
    assertThat(T38Status.fromFreeSwitch(value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"on", "t38"})
  void anythingElseIsUnknown(String value) {
    assertThat(T38Status.fromFreeSwitch(value)).isEqualTo(T38Status.UNKNOWN);
  }
}
