package org.faxserver.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.faxserver.model.messaging.MessageJson;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

  @Nested
  class Accepts {

    @ParameterizedTest(name = "\"{0}\" in {1} -> {2}")
    @CsvSource({
      "5551234567, US, +15551234567",
      "15551234567, US, +15551234567",
      "(555) 123-4567, US, +15551234567",
      "555.123.4567, US, +15551234567",
      "+1 555 123 4567, US, +15551234567",
      "+44 20 7946 0958, US, +442079460958",
      "00442079460958, US, +442079460958",
      "00442079460958, DE, +442079460958",
      "011 44 20 7946 0958, US, +442079460958",
      "030 1234567, DE, +49301234567",
      "030/1234567, DE, +49301234567",
      "020 7946 0958, GB, +442079460958",
      "5551234567, us, +15551234567",
    })
    void nationalAndInternationalInputAsE164(String input, String region, String e164) {
      assertThat(PhoneNumber.parse(input, region).e164()).isEqualTo(e164);
    }

    @Test
    void testRange555EvenThoughLibphonenumberCallsItInvalid() {
      // 555-01xx numbers are fictional; isValidNumber would reject them, the length check does not.
      assertThat(PhoneNumber.parse("2025550123", "US").e164()).isEqualTo("+12025550123");
      assertThat(PhoneNumber.parse("5555555555", "US").e164()).isEqualTo("+15555555555");
    }

    @Test
    void internationalNumberIsNotChangedByTheDefaultRegion() {
      PhoneNumber fromUs = PhoneNumber.parse("+49 30 1234567", "US");
      PhoneNumber fromDe = PhoneNumber.parse("+49 30 1234567", "DE");
      PhoneNumber fromGb = PhoneNumber.parse("+49 30 1234567", "GB");

      assertThat(fromUs).isEqualTo(fromDe).isEqualTo(fromGb);
      assertThat(fromUs.e164()).isEqualTo("+49301234567");
    }

    @Test
    void internationalNumberNeedsNoDefaultRegion() {
      assertThat(PhoneNumber.parse("+442079460958", null).e164()).isEqualTo("+442079460958");
    }

    @Test
    void longInternationalNumbersAreNeverTruncated() {
      // The Go system cut this to 4420712345.
      assertThat(PhoneNumber.parse("442071234567", "GB").e164()).isEqualTo("+442071234567");
      assertThat(PhoneNumber.parse("+4930123456789", "US").e164()).isEqualTo("+4930123456789");
    }

    @Test
    void surroundingBlanksAreIgnored() {
      assertThat(PhoneNumber.parse("  5551234567\t", "US").e164()).isEqualTo("+15551234567");
    }
  }

  @Nested
  class Rejects {

    @ParameterizedTest
    @ValueSource(strings = {"555-CALL-NOW", "abc", "1-800-FLOWERS", "+1 555 123 4567 ext 12", "５55x"})
    void lettersWithReason(String input) {
      assertThatThrownBy(() -> PhoneNumber.parse(input, "US"))
          .isInstanceOf(InvalidPhoneNumberException.class)
          .extracting(e -> ((InvalidPhoneNumberException) e).reason())
          .isEqualTo("contains letters");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void emptyOrBlank(String input) {
      assertThatThrownBy(() -> PhoneNumber.parse(input, "US"))
          .isInstanceOf(InvalidPhoneNumberException.class)
          .extracting(e -> ((InvalidPhoneNumberException) e).reason())
          .isEqualTo("empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901234567890", "+1555123456789012", "+49 30 12345678901234"})
    void tooLong(String input) {
      assertThat(reasonFor(input, "US")).isEqualTo("too long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "+1 555", "+44 20"})
    void tooShort(String input) {
      assertThat(reasonFor(input, "US")).isEqualTo("too short");
    }

    @Test
    void localNumberWithoutAreaCodeAsTooShort() {
      assertThat(reasonFor("1234567", "US")).startsWith("too short");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "---", "12#34", "555*1234", "+1+5551234567", "5551234567;", "++15551234567"})
    void garbageAsNotANumber(String input) {
      assertThat(reasonFor(input, "US")).isEqualTo("not a number");
    }

    @Test
    void unassignedCountryCode() {
      assertThat(reasonFor("+999 1234567", "US")).isEqualTo("invalid country code");
      assertThat(reasonFor("00999 1234567", "US")).isEqualTo("invalid country code");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "USA", ""})
    void nationalNumberWithoutUsableDefaultRegion(String region) {
      assertThat(reasonFor("5551234567", region)).contains("no valid default region");
    }

    @Test
    void nationalNumberWithNullRegion() {
      assertThat(reasonFor("5551234567", null)).contains("no valid default region");
    }

    @Test
    void messageNamesInputAndReason() {
      assertThatThrownBy(() -> PhoneNumber.parse("abc", "US"))
          .hasMessage("invalid phone number 'abc': contains letters")
          .extracting(e -> ((InvalidPhoneNumberException) e).input())
          .isEqualTo("abc");
    }

    private String reasonFor(String input, String region) {
      try {
        PhoneNumber parsed = PhoneNumber.parse(input, region);
        throw new AssertionError("expected rejection of '" + input + "' but got " + parsed);
      } catch (InvalidPhoneNumberException e) {
        return e.reason();
      }
    }
  }

  @Nested
  class OfE164 {

    @Test
    void readsStrictE164() {
      assertThat(PhoneNumber.ofE164("+15551234567")).isEqualTo(PhoneNumber.parse("5551234567", "US"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"15551234567", "+1 555 123 4567", "+0123456", "+1234567890123456"})
    void rejectsAnythingButPlusAndDigits(String input) {
      assertThatThrownBy(() -> PhoneNumber.ofE164(input))
          .isInstanceOf(InvalidPhoneNumberException.class)
          .extracting(e -> ((InvalidPhoneNumberException) e).reason())
          .asString()
          .startsWith("not in E.164 form");
    }

    @Test
    void rejectsImpossibleLength() {
      assertThatThrownBy(() -> PhoneNumber.ofE164("+1555"))
          .isInstanceOf(InvalidPhoneNumberException.class)
          .extracting(e -> ((InvalidPhoneNumberException) e).reason())
          .isEqualTo("too short");
    }

    @Test
    void readingAgainGivesTheSameAnswer() {
      PhoneNumber first = PhoneNumber.ofE164("+4930901820");
      assertThat(PhoneNumber.ofE164("+4930901820")).isEqualTo(first);
      assertThat(PhoneNumber.ofE164("+4930901820").regionCode()).isEqualTo("DE");
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> PhoneNumber.ofE164("+4402079460958"))
            .isInstanceOf(InvalidPhoneNumberException.class);
      }
    }
  }

  @Nested
  class ValueBehaviour {

    @Test
    void equalWhenE164Equal() {
      PhoneNumber a = PhoneNumber.parse("(555) 123-4567", "US");
      PhoneNumber b = PhoneNumber.parse("+1-555-123-4567", "DE");

      assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
      assertThat(a).isNotEqualTo(PhoneNumber.parse("5551234568", "US"));
    }

    @Test
    void toStringIsE164() {
      assertThat(PhoneNumber.parse("030 1234567", "DE")).hasToString("+49301234567");
    }

    @Test
    void exposesDigitsCountryAndRegion() {
      PhoneNumber london = PhoneNumber.parse("+44 20 7946 0958", null);

      assertThat(london.digits()).isEqualTo("442079460958");
      assertThat(london.countryCode()).isEqualTo(44);
      assertThat(london.regionCode()).isEqualTo("GB");
    }

    @Test
    void knowsRegionCodes() {
      assertThat(PhoneNumber.isValidRegion("US")).isTrue();
      assertThat(PhoneNumber.isValidRegion("de")).isTrue();
      assertThat(PhoneNumber.isValidRegion("XX")).isFalse();
      assertThat(PhoneNumber.isValidRegion(null)).isFalse();
    }
  }

  @Nested
  class Json {

    private final ObjectMapper mapper = MessageJson.mapper();

    @Test
    void writesPlainE164String() throws Exception {
      assertThat(mapper.writeValueAsString(PhoneNumber.parse("5551234567", "US")))
          .isEqualTo("\"+15551234567\"");
    }

    @Test
    void readsE164String() throws Exception {
      assertThat(mapper.readValue("\"+442079460958\"", PhoneNumber.class))
          .isEqualTo(PhoneNumber.parse("020 7946 0958", "GB"));
    }

    @Test
    void refusesNationalFormInJson() {
      assertThatThrownBy(() -> mapper.readValue("\"5551234567\"", PhoneNumber.class))
          .hasRootCauseInstanceOf(InvalidPhoneNumberException.class);
    }
  }

  @Test
  void ofE164RefusesNonCanonicalInput() {
    assertThatThrownBy(() -> PhoneNumber.ofE164("+4402079460958"))
        .isInstanceOf(InvalidPhoneNumberException.class)
        .hasMessageContaining("canonical");
  }

  @Test
  void internationalPrefixInsideBracketsIsAccepted() {
    assertThat(PhoneNumber.parse("(+44) 20 7946 0958", "US").e164()).isEqualTo("+442079460958");
  }
}
