package ai.aisetu.mcp;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.util.Map;

/**
 * The SDK's JSON Schema validator, created on first use: it loads a few hundred classes, and
 * {@code initialize} (every stdio session spawns the JVM) needs none of them.
 *
 * <p>{@link #validateSchema} is what the SDK runs on every tool's schemas while the server is
 * built, i.e. before {@code initialize} can be answered; it answers valid without loading the
 * validator. The catalogue's schemas are fixed at build time and {@code ToolSchemasConformTest}
 * checks each of them with the real validator.
 */
final class LazySchemaValidator implements JsonSchemaValidator {
  /** One for the process: it is thread-safe and caches each schema it compiles. */
  private static volatile JsonSchemaValidator delegate;

  private static JsonSchemaValidator delegate() {
    JsonSchemaValidator result = delegate;
    if (result == null) {
      synchronized (LazySchemaValidator.class) {
        result = delegate;
        if (result == null) delegate = result = new DefaultJsonSchemaValidator();
      }
    }
    return result;
  }

  /**
   * Creates the validator and validates a small object, so the first tool call does not load and
   * set it up (see {@link Prewarm}).
   */
  static void prewarm() {
    delegate().validate(Map.of("type", "object",
            "properties", Map.of("workspaceId", Map.of("type", "string", "minLength", 1)),
            "required", java.util.List.of("workspaceId"), "additionalProperties", false),
        Map.of("workspaceId", "ws_prewarm"));
  }

  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
    return delegate().validate(schema, structuredContent);
  }

  @Override
  public ValidationResponse validateSchema(Map<String, Object> schema) {
    return ValidationResponse.asValid(null);
  }
}
