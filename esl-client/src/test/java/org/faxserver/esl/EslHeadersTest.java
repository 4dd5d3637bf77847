package org.faxserver.esl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.faxserver.esl.codec.PercentDecoder;
import org.junit.jupiter.api.Test;

class EslHeadersTest {

  @Test
  void lookupIgnoresCaseKeepsOrderAndRepeatedNames() {
    EslHeaders h = EslHeaders.builder().add("Event-Name", "CHANNEL_HANGUP_COMPLETE")
        .add("Hangup-Cause", "NORMAL_CLEARING").add("Unique-ID", "u").add("hangup-cause", "SECOND").build();
    assertThat(h.get("EVENT-NAME")).isEqualTo("CHANNEL_HANGUP_COMPLETE");
    assertThat(h.get("Hangup-Cause")).isEqualTo("NORMAL_CLEARING");
    assertThat(h.getAll("HANGUP-CAUSE")).containsExactly("NORMAL_CLEARING", "SECOND");
    assertThat(h.get("missing")).isNull();
    assertThat(h.getAll("missing")).isEmpty();
    assertThat(h.name(3)).isEqualTo("hangup-cause");
    assertThat(h.toMap()).containsOnlyKeys("Event-Name", "Hangup-Cause", "Unique-ID", "hangup-cause");
  }

  @Test
  void bigHeaderListsAnswerTheSameBeforeAndAfterTheHashIndexIsBuilt() {
    EslHeaders.Builder b = EslHeaders.builder();
    for (int i = 0; i < 100; i++) {
      b.add("variable_v" + i, "x" + i);
    }
    b.add("VARIABLE_V7", "dup");
    EslHeaders h = b.build();
    // The first lookups scan linearly, later ones use the index; results must not differ.
    for (int round = 0; round < 10; round++) {
      assertThat(h.get("Variable_V7")).isEqualTo("x7");
      assertThat(h.get("variable_v99")).isEqualTo("x99");
      assertThat(h.get("variable_v100")).isNull();
      assertThat(h.getAll("variable_v7")).containsExactly("x7", "dup");
    }
  }

  @Test
  void builderReuseDoesNotChangeHeadersAlreadyBuilt() {
    EslHeaders.Builder b = EslHeaders.builder(2);
    EslHeaders first = b.add("A", "1").build();
    b.add("B", "2");
    EslHeaders second = b.build();
    b.clear().add("C", "3");
    EslHeaders third = b.build();
    assertThat(first.size()).isEqualTo(1);
    assertThat(first.get("B")).isNull();
    assertThat(second.get("A")).isEqualTo("1");
    assertThat(second.get("B")).isEqualTo("2");
    assertThat(third.size()).isEqualTo(1);
    assertThat(third.get("C")).isEqualTo("3");
    assertThat(second.get("A")).as("clear() must not wipe a built instance").isEqualTo("1");
  }

  @Test
  void percentDecoderIsStrictAndDecodesUtf8PerByte() {
    assertThat(PercentDecoder.decode("Thu,%2026%20Nov")).isEqualTo("Thu, 26 Nov");
    assertThat(PercentDecoder.decode("%2B1%20555")).isEqualTo("+1 555");
    assertThat(PercentDecoder.decode("a+b")).as("plus is literal").isEqualTo("a+b");
    assertThat(PercentDecoder.decode("%e2%82%ac")).isEqualTo("€");
    assertThat(PercentDecoder.decode("%FF")).as("invalid UTF-8 becomes U+FFFD").isEqualTo("\uFFFD");
    assertThatThrownBy(() -> PercentDecoder.decode("100%")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PercentDecoder.decode("%4")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PercentDecoder.decode("%G0")).isInstanceOf(IllegalArgumentException.class);
  }
}
