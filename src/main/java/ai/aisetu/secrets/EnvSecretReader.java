package ai.aisetu.secrets;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a secret from an environment variable of the server process, so that a key travels from
 * the person's environment to the control plane without passing through the model. A tool
 * argument such as {@code apiKeyEnv: "ANTHROPIC_API_KEY"} names the variable:
 *
 * <pre>{@code
 * String apiKey = EnvSecretReader.read(System.getenv(), args.apiKeyEnv(), "apiKeyEnv", redactor);
 * }</pre>
 *
 * <p>Errors name the argument and the variable, never a value.
 */
public final class EnvSecretReader {
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private EnvSecretReader() {}

  /**
   * Returns the value of {@code variableName} in {@code env}.
   *
   * @param fieldName the tool argument that named the variable, for error messages
   * @throws IllegalArgumentException if the name is not a valid variable name, or the variable is
   *     unset or blank
   */
  public static String read(Map<String, String> env, String variableName, String fieldName) {
    requireNonNull(env, "env == null");
    requireNonNull(fieldName, "fieldName == null");
    if (variableName == null || variableName.isBlank()) {
      throw new IllegalArgumentException(
          fieldName + " is empty: give the name of an environment variable of the server process,"
              + " such as ANTHROPIC_API_KEY");
    }
    if (!VARIABLE_NAME.matcher(variableName).matches()) {
      throw new IllegalArgumentException(
          fieldName + " must be an environment variable name (letters, digits and _, not starting"
              + " with a digit); got a value that is not one. Give the variable's name, not the key"
              + " itself");
    }
    String value = env.get(variableName);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "environment variable " + variableName + " named by " + fieldName + " is "
              + (value == null ? "not set" : "empty") + " in the server's environment: set it"
              + " where the MCP server is launched (for example the client's server \"env\""
              + " config) and restart the server, or pass the key inline");
    }
    return value;
  }

  /** Like {@link #read(Map, String, String)}, and registers the value with {@code redactor}. */
  public static String read(
      Map<String, String> env, String variableName, String fieldName, Redactor redactor) {
    requireNonNull(redactor, "redactor == null");
    String value = read(env, variableName, fieldName);
    redactor.register(value);
    return value;
  }
}
