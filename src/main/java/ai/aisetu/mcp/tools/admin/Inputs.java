package ai.aisetu.mcp.tools.admin;

import ai.aisetu.mcp.tools.ToolCall;
import ai.aisetu.mcp.tools.ToolInputException;
import java.util.Optional;

/** Argument checks the schemas declare, repeated in the handler for clients that do not validate. */
final class Inputs {
  private Inputs() {}

  static Optional<Integer> intInRange(ToolCall call, String name, int minimum, int maximum) {
    Optional<Integer> value = call.optionalInt(name);
    value.ifPresent(v -> {
      if (v < minimum || v > maximum) {
        throw new ToolInputException(name, "must be between " + minimum + " and " + maximum
            + ", was " + v);
      }
    });
    return value;
  }

  static int requiredIntInRange(ToolCall call, String name, int minimum, int maximum) {
    return intInRange(call, name, minimum, maximum).orElseThrow(() -> new ToolInputException(
        name, "is required: pass an integer from " + minimum + " to " + maximum));
  }

  static String textOfLength(ToolCall call, String name, int maximum) {
    String value = call.requiredString(name);
    if (value.length() > maximum) {
      throw new ToolInputException(name, "must be at most " + maximum + " characters, was "
          + value.length() + "; pass a shorter one");
    }
    return value;
  }
}
