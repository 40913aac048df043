package ai.aisetu.local;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Argument checks shared by the resolvers; each failure names the argument. */
final class Validation {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  static final List<String> SCOPES = List.of(Caller.READ, Caller.WRITE);

  private Validation() {}

  /** 1 to 64 characters after trimming; returns the trimmed name. */
  static String name(String field, String value) {
    String name = value == null ? "" : value.strip();
    if (name.isEmpty()) throw ApiException.badInput(field, field + " must not be empty; give 1 to 64 characters");
    if (name.length() > 64) {
      throw ApiException.badInput(field, field + " is " + name.length() + " characters; the limit is 64");
    }
    return name;
  }

  /** A plausible address, lower-cased. */
  static String email(String field, String value) {
    String email = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
      throw ApiException.badInput(field, field + " is not an email address; give one like name@example.com");
    }
    return email;
  }

  static List<String> scopes(String field, List<String> scopes) {
    if (scopes == null || scopes.isEmpty()) {
      throw ApiException.badInput(field, field + " must list admin:read and/or admin:write");
    }
    for (String scope : scopes) {
      if (!SCOPES.contains(scope)) {
        throw ApiException.badInput(field, field + " has an unknown scope '" + scope + "'; use admin:read and/or admin:write");
      }
    }
    return SCOPES.stream().filter(scopes::contains).toList();
  }

  static int range(String field, Integer value, int min, int max) {
    if (value == null || value < min || value > max) {
      throw ApiException.badInput(field, field + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }
}
