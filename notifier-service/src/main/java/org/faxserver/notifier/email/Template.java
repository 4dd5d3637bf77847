package org.faxserver.notifier.email;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with {@code {name}} placeholders. Unknown names are left as written, so a typo shows in the
 * mail instead of vanishing. (Braces, not {@code ${...}}: Spring would resolve those in YAML.)
 */
public record Template(String text) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

  public Template {
    text = text == null ? "" : text;
  }

  public String render(Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
