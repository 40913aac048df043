package ai.aisetu.admin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds an operation's variables, leaving out nulls so that the schema's argument defaults
 * ({@code role: Role = MEMBER}, {@code currency: String = "USD"}) apply.
 */
final class Variables {
  private final Map<String, Object> values = new LinkedHashMap<>();

  static Variables of() {
    return new Variables();
  }

  Variables put(String name, Object value) {
    if (value != null) values.put(name, value);
    return this;
  }

  Map<String, Object> map() {
    return values;
  }
}
