package ai.aisetu.mcp.tools;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the JSON Schema of a tool's input or output: an object whose properties each carry a
 * description written for a model. Input schemas are closed ({@code additionalProperties:false})
 * by default.
 *
 * <pre>{@code
 * ObjectNode input = ObjectSchema.builder()
 *     .string("workspaceId", "The workspace, from workspaces_list.", true)
 *     .enumeration("role", "The member's role.", List.of("OWNER", "ADMIN", "MEMBER"), false)
 *     .build();
 * }</pre>
 */
public final class ObjectSchema {
  private ObjectSchema() {}

  public static Builder builder() {
    return new Builder();
  }

  /** {@code {"type":"string","description":...}}, for nesting with {@link Builder#property}. */
  public static ObjectNode string(String description) {
    return typed("string", description);
  }

  /** {@code {"type":"array","items":items,"description":...}}. */
  public static ObjectNode array(ObjectNode items, String description) {
    ObjectNode node = typed("array", description);
    node.set("items", requireNonNull(items, "items == null"));
    return node;
  }

  static ObjectNode typed(String type, String description) {
    ObjectNode node = ToolJson.object().put("type", type);
    if (description != null) node.put("description", description);
    return node;
  }

  public static final class Builder {
    private final ObjectNode properties = ToolJson.object();
    private final List<String> required = new ArrayList<>();
    private boolean additionalProperties;
    private String description;

    private Builder() {}

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder string(String name, String description, boolean required) {
      return property(name, typed("string", description), required);
    }

    public Builder integer(String name, String description, boolean required) {
      return property(name, typed("integer", description), required);
    }

    public Builder number(String name, String description, boolean required) {
      return property(name, typed("number", description), required);
    }

    public Builder bool(String name, String description, boolean required) {
      return property(name, typed("boolean", description), required);
    }

    public Builder enumeration(
        String name, String description, List<String> values, boolean required) {
      ObjectNode node = typed("string", description);
      ArrayNode array = node.putArray("enum");
      values.forEach(array::add);
      return property(name, node, required);
    }

    public Builder stringArray(String name, String description, boolean required) {
      return property(name, array(typed("string", null), description), required);
    }

    /** Any schema, for nested objects and arrays. */
    public Builder property(String name, ObjectNode schema, boolean required) {
      requireNonNull(name, "name == null");
      requireNonNull(schema, "schema == null");
      if (properties.has(name)) throw new IllegalArgumentException("duplicate property " + name);
      properties.set(name, schema);
      if (required) this.required.add(name);
      return this;
    }

    /** Allows properties not declared (for output schemas of open records). */
    public Builder allowAdditionalProperties() {
      this.additionalProperties = true;
      return this;
    }

    public ObjectNode build() {
      ObjectNode schema = ToolJson.object().put("type", "object");
      if (description != null) schema.put("description", description);
      schema.set("properties", properties.deepCopy());
      if (!required.isEmpty()) {
        ArrayNode array = schema.putArray("required");
        required.forEach(array::add);
      }
      schema.put("additionalProperties", additionalProperties);
      return schema;
    }
  }
}
