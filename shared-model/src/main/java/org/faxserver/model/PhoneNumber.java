package org.faxserver.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A telephone number in E.164 form ("+15551234567"), the only form numbers travel in between services.
 *
 * <p>Parsing uses libphonenumber's possible-number (length) check, not {@code isValidNumber}, so test
 * ranges such as 555 are accepted. The number is never truncated (the Go system cut numbers to 10
 * digits); anything too long is rejected instead. Letters are rejected explicitly because
 * libphonenumber would otherwise silently turn vanity numbers ("1-800-FLOWERS") into digits.
 */
public final class PhoneNumber implements Comparable<PhoneNumber> {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  /** E.164 allows at most 15 digits after the '+'. */
  private static final int MAX_E164_DIGITS = 15;

  /** Separators people type between digit groups; anything else that is not a digit is rejected. */
  private static final Pattern ALLOWED = Pattern.compile("\\+?[0-9 ()./\\-\\u00A0]+");

  private static final Pattern LETTER = Pattern.compile("\\p{L}");

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
  /**
   * Numbers {@link #ofE164} accepted before: every message and row carries numbers, and libphonenumber's parse was
   * a few per cent of the pipeline's CPU. Bounded by starting over when full (the working set is small).
   */
  private static final Map<String, PhoneNumber> CHECKED_E164 = new ConcurrentHashMap<>();
  private static final int CHECKED_E164_MAX = 10_000;

  private final String e164;

  private PhoneNumber(String e164) {
    this.e164 = e164;
  }

  /**
   * Parses national or international input into E.164.
   *
   * @param input         what a user or a SIP header gave us, e.g. "5551234567", "+44 20 7946 0958",
   *                      "00442079460958"
   * @param defaultRegion ISO 3166 region (e.g. "US", "DE") for national numbers; may be null if the
   *                      input is always international
   * @throws InvalidPhoneNumberException with a human {@link InvalidPhoneNumberException#reason()}
   */
  public static PhoneNumber parse(String input, String defaultRegion) {
    if (input == null || input.isBlank()) {
      throw new InvalidPhoneNumberException(input, "empty");
    }
    String trimmed = input.strip();
    if (trimmed.startsWith("(+")) {
      // "(+44) 20 7946 0958": the international prefix written inside the brackets.
      trimmed = "+(" + trimmed.substring(2);
    }
    if (LETTER.matcher(trimmed).find()) {
      throw new InvalidPhoneNumberException(input, "contains letters");
    }
    if (!ALLOWED.matcher(trimmed).matches()) {
      throw new InvalidPhoneNumberException(input, "not a number");
    }
    String digits = trimmed.replaceAll("[^0-9]", "");
    if (digits.isEmpty()) {
      throw new InvalidPhoneNumberException(input, "not a number");
    }
    String candidate;
    if (trimmed.startsWith("+")) {
      candidate = "+" + digits;
    } else if (digits.startsWith("00")) {
      // 00 is the ITU international prefix; honour it even where the region's own IDD differs (US: 011).
      candidate = "+" + digits.substring(2);
    } else {
      candidate = digits;
    }
    return fromLibphonenumber(input, parseWithLibphonenumber(input, candidate, defaultRegion));
  }

  /**
   * Reads a number that is already E.164 ("+" and digits only), as it arrives in messages and rows.
   *
   * @throws InvalidPhoneNumberException if the text is not strict E.164 or not a possible number
   */
  @JsonCreator
  public static PhoneNumber ofE164(String e164) {
    if (e164 == null || e164.isBlank()) {
      throw new InvalidPhoneNumberException(e164, "empty");
    }
    if (!E164.matcher(e164).matches()) {
      throw new InvalidPhoneNumberException(e164, "not in E.164 form (+ and up to 15 digits)");
    }
    PhoneNumber known = CHECKED_E164.get(e164);
    if (known != null) {
      return known;
    }
    PhoneNumber number = parse(e164, null);
    if (!number.e164.equals(e164)) {
      // e.g. "+4402079460958": a national trunk prefix inside an "E.164" value means a producer bug.
      throw new InvalidPhoneNumberException(e164, "not in canonical E.164 form (expected " + number.e164 + ")");
    }
    if (CHECKED_E164.size() >= CHECKED_E164_MAX) {
      CHECKED_E164.clear();
    }
    CHECKED_E164.put(e164, number);
    return number;
  }

  /** Whether libphonenumber knows the ISO 3166 region code (case-insensitive), e.g. "US", "de". */
  public static boolean isValidRegion(String region) {
    return region != null && UTIL.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT));
  }

  /** The number in E.164 form, e.g. "+15551234567". */
  @JsonValue
  public String e164() {
    return e164;
  }

  /** The E.164 digits without the '+', as FreeSWITCH dial strings and fax idents usually want them. */
  public String digits() {
    return e164.substring(1);
  }

  /** The ITU country calling code, e.g. 1 or 49. */
  public int countryCode() {
    return parsedE164().getCountryCode();
  }

  /** The ISO region the number belongs to ("US", "GB"), or "ZZ" if it cannot be told (e.g. +800). */
  public String regionCode() {
    String region = UTIL.getRegionCodeForNumber(parsedE164());
    return region == null ? "ZZ" : region;
  }

  private Phonenumber.PhoneNumber parsedE164() {
    try {
      return UTIL.parse(e164, null);
    } catch (NumberParseException e) {
      throw new IllegalStateException("stored E.164 number no longer parses: " + e164, e);
    }
  }

  private static Phonenumber.PhoneNumber parseWithLibphonenumber(
      String input, String candidate, String defaultRegion) {
    if (!candidate.startsWith("+") && !isValidRegion(defaultRegion)) {
      throw new InvalidPhoneNumberException(input, "no country code and no valid default region");
    }
    String region = candidate.startsWith("+") ? null : defaultRegion.toUpperCase(Locale.ROOT);
    try {
      return UTIL.parse(candidate, region);
    } catch (NumberParseException e) {
      throw new InvalidPhoneNumberException(input, reasonFor(e.getErrorType()));
    }
  }

  private static PhoneNumber fromLibphonenumber(String input, Phonenumber.PhoneNumber number) {
    if (number.hasExtension()) {
      throw new InvalidPhoneNumberException(input, "extensions are not supported");
    }
    switch (UTIL.isPossibleNumberWithReason(number)) {
      case IS_POSSIBLE:
        break;
      case IS_POSSIBLE_LOCAL_ONLY:
        throw new InvalidPhoneNumberException(input, "too short (local number without area code)");
      case TOO_SHORT:
        throw new InvalidPhoneNumberException(input, "too short");
      case TOO_LONG:
        throw new InvalidPhoneNumberException(input, "too long");
      case INVALID_COUNTRY_CODE:
        throw new InvalidPhoneNumberException(input, "invalid country code");
      default:
        throw new InvalidPhoneNumberException(input, "invalid length for its country");
    }
    String e164 = UTIL.format(number, PhoneNumberFormat.E164);
    if (e164.length() - 1 > MAX_E164_DIGITS) {
      throw new InvalidPhoneNumberException(input, "too long");
    }
    return new PhoneNumber(e164);
  }

  private static String reasonFor(NumberParseException.ErrorType type) {
    switch (type) {
      case INVALID_COUNTRY_CODE:
        return "invalid country code";
      case TOO_SHORT_AFTER_IDD:
      case TOO_SHORT_NSN:
        return "too short";
      case TOO_LONG:
        return "too long";
      case NOT_A_NUMBER:
      default:
        return "not a number";
    }
  }

  @Override
  public int compareTo(PhoneNumber other) {
    return e164.compareTo(other.e164);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PhoneNumber other && e164.equals(other.e164);
  }

  @Override
  public int hashCode() {
    return Objects.hash(e164);
  }

  /** The E.164 form, so numbers log and concatenate the way they travel. */
  @Override
  public String toString() {
    return e164;
  }
}
