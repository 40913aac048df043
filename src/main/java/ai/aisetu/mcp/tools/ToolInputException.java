package ai.aisetu.mcp.tools;

import static java.util.Objects.requireNonNull;

/**
 * An argument is missing or invalid. The message names the field and says what to do; the server
 * returns it to the model as an {@code isError} result.
 *
 * <pre>{@code
 * throw new ToolInputException("days", "must be between 1 and 90; pass a smaller number");
 * }</pre>
 */
public final class ToolInputException extends RuntimeException {
  private final String field;

  public ToolInputException(String field, String problem) {
    super("invalid argument `" + requireNonNull(field, "field == null") + "`: "
        + requireNonNull(problem, "problem == null"));
    this.field = field;
  }

  /** The argument at fault. */
  public String field() {
    return field;
  }
}
