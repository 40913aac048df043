package ai.aisetu.mcp.tools;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.Cancellation;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One invocation of a tool, as its {@link ToolHandler} sees it: the arguments, the session's admin
 * client, the request's cancellation, and progress reporting.
 *
 * <p>Argument helpers throw {@link ToolInputException} naming the field, which the server turns
 * into an {@code isError} result:
 *
 * <pre>{@code
 * String workspaceId = call.requiredString("workspaceId");
 * int days = call.optionalInt("expiresInDays").orElse(30);
 * Role role = call.requiredEnum("role", Role.class);
 * }</pre>
 */
public interface ToolCall {
  /** The arguments object as sent (an empty object if none). */
  JsonNode arguments();

  /** The session's admin client (bound to the session's current PAT). */
  AiSetuAdmin admin();

  /**
   * The {@code tenantId} argument if given, else the caller's tenant from {@code viewer} (looked up
   * once per session and PAT).
   */
  String tenantId();

  /** Cancelled when the client sends {@code notifications/cancelled} for this request. */
  Cancellation cancellation();

  /**
   * Sends {@code notifications/progress} for this request; a no-op if the client sent no {@code
   * progressToken}.
   *
   * @param total null if unknown
   * @param message null for none
   */
  void progress(double progress, Double total, String message);

  SessionContext session();

  default String requiredString(String name) {
    return optionalString(name)
        .orElseThrow(() -> new ToolInputException(name, "is required: pass a non-empty string"));
  }

  /** The string value, or empty if absent, null or blank. */
  default Optional<String> optionalString(String name) {
    JsonNode node = arguments().get(name);
    if (node == null || node.isNull()) return Optional.empty();
    if (!node.isTextual()) throw new ToolInputException(name, "must be a string");
    String value = node.textValue().strip();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  default int requiredInt(String name) {
    return optionalInt(name)
        .orElseThrow(() -> new ToolInputException(name, "is required: pass an integer"));
  }

  default Optional<Integer> optionalInt(String name) {
    JsonNode node = arguments().get(name);
    if (node == null || node.isNull()) return Optional.empty();
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw new ToolInputException(name, "must be an integer");
    }
    return Optional.of(node.intValue());
  }

  default Optional<Boolean> optionalBoolean(String name) {
    JsonNode node = arguments().get(name);
    if (node == null || node.isNull()) return Optional.empty();
    if (!node.isBoolean()) throw new ToolInputException(name, "must be true or false");
    return Optional.of(node.booleanValue());
  }

  /** A list of strings; empty if absent. */
  default List<String> optionalStringList(String name) {
    JsonNode node = arguments().get(name);
    if (node == null || node.isNull()) return List.of();
    if (!node.isArray()) throw new ToolInputException(name, "must be an array of strings");
    List<String> values = new ArrayList<>();
    for (JsonNode element : node) {
      if (!element.isTextual()) throw new ToolInputException(name, "must be an array of strings");
      values.add(element.textValue());
    }
    return List.copyOf(values);
  }

  default <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
    return optionalEnum(name, type)
        .orElseThrow(() -> new ToolInputException(name, "is required: pass one of " + names(type)));
  }

  /** The constant whose name matches the value, ignoring case; empty if absent. */
  default <E extends Enum<E>> Optional<E> optionalEnum(String name, Class<E> type) {
    Optional<String> value = optionalString(name);
    if (value.isEmpty()) return Optional.empty();
    String wanted = value.get().toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(wanted)) return Optional.of(constant);
    }
    throw new ToolInputException(
        name, "`" + value.get() + "` is not allowed: pass one of " + names(type));
  }

  private static <E extends Enum<E>> List<String> names(Class<E> type) {
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) names.add(constant.name());
    return names;
  }
}
