package ai.aisetu.mcp.tools;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * One tool: what the model sees (name, title, description, schemas, hints) plus the function that
 * runs it. Build one per tool with {@link #builder(String)}:
 *
 * <pre>{@code
 * static ToolDefinition definition() {
 *   return ToolDefinition.builder("workspaces_delete")
 *       .title("Delete a workspace")
 *       .description("Deletes a workspace and revokes its API keys. Use when ...; needs admin:write.")
 *       .toolset(Toolset.WORKSPACES)
 *       .access(Access.WRITE)
 *       .inputSchema(ObjectSchema.builder().string("workspaceId", "The workspace id.", true).build())
 *       .outputSchema(ObjectSchema.builder().string("id", "The deleted workspace.", true).build())
 *       .destructive(true)
 *       .idempotent(true)
 *       .handler(call -> ToolResult.ok(
 *           call.admin().workspaces().delete(call.requiredString("workspaceId"), call.cancellation()),
 *           "Deleted."))
 *       .build();
 * }
 * }</pre>
 *
 * <p>The constructor enforces the catalogue's rules: snake_case names; a closed input schema
 * ({@code additionalProperties:false}); an object output schema; a destructive tool is not
 * read-only; for admin tools (access {@link Access#READ} or {@link Access#WRITE}) {@code
 * readOnlyHint} is exactly {@code access == READ}, so {@code --read-only} (a filter over {@code
 * readOnlyHint}) and the scope check can never disagree; {@code confirm} only on tools that change
 * something.
 *
 * @param confirm ask the user for a yes/no confirmation (form elicitation) before running, when
 *     the client supports it and the server was not started with {@code --no-confirm}.
 */
public record ToolDefinition(
    String name,
    String title,
    String description,
    Toolset toolset,
    Access access,
    ObjectNode inputSchema,
    ObjectNode outputSchema,
    boolean readOnlyHint,
    boolean destructiveHint,
    boolean idempotentHint,
    boolean openWorldHint,
    boolean confirm,
    ToolHandler handler) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  public ToolDefinition {
    requireNonNull(name, "name == null");
    requireNonNull(title, "title == null");
    requireNonNull(description, "description == null");
    requireNonNull(toolset, "toolset == null");
    requireNonNull(access, "access == null");
    requireNonNull(inputSchema, "inputSchema == null");
    requireNonNull(handler, "handler == null");
    if (!NAME.matcher(name).matches() || name.length() > 64) {
      throw new IllegalArgumentException("name must be snake_case, at most 64 chars: " + name);
    }
    if (title.isBlank()) throw new IllegalArgumentException(name + ": title is blank");
    if (description.isBlank()) throw new IllegalArgumentException(name + ": description is blank");
    requireObjectSchema(name, "inputSchema", inputSchema);
    JsonNode additional = inputSchema.get("additionalProperties");
    if (additional == null || !additional.isBoolean() || additional.booleanValue()) {
      throw new IllegalArgumentException(name + ": inputSchema needs additionalProperties:false");
    }
    if (outputSchema != null) requireObjectSchema(name, "outputSchema", outputSchema);
    if (destructiveHint && readOnlyHint) {
      throw new IllegalArgumentException(name + ": a destructive tool cannot be read-only");
    }
    if (access != Access.NONE && readOnlyHint != (access == Access.READ)) {
      throw new IllegalArgumentException(
          name + ": readOnlyHint must be " + (access == Access.READ) + " for access " + access);
    }
    if (confirm && readOnlyHint) {
      throw new IllegalArgumentException(name + ": a read-only tool needs no confirmation");
    }
    inputSchema = inputSchema.deepCopy();
    outputSchema = outputSchema == null ? null : outputSchema.deepCopy();
  }

  private static void requireObjectSchema(String name, String which, ObjectNode schema) {
    if (!"object".equals(schema.path("type").asText())) {
      throw new IllegalArgumentException(name + ": " + which + " must have type object");
    }
  }

  /** True if the tool changes something: it is hidden and refused under {@code --read-only}. */
  public boolean isWrite() {
    return !readOnlyHint;
  }

  /** A copy of the input schema (the record's own is never handed out for mutation). */
  @Override
  public ObjectNode inputSchema() {
    return inputSchema.deepCopy();
  }

  @Override
  public ObjectNode outputSchema() {
    return outputSchema == null ? null : outputSchema.deepCopy();
  }

  @Override
  public String toString() {
    return "ToolDefinition[" + name + ", " + toolset.id() + ", " + access + "]";
  }

  /**
   * A builder for {@code name}. Defaults: {@code readOnlyHint} follows the access (true for READ,
   * false otherwise), not destructive, not idempotent, {@code openWorldHint} false (the control
   * plane is a closed system), and {@code confirm} follows {@code destructive}.
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  public static final class Builder {
    private final String name;
    private String title;
    private String description;
    private Toolset toolset;
    private Access access;
    private ObjectNode inputSchema = ObjectSchema.builder().build();
    private ObjectNode outputSchema;
    private Boolean readOnly;
    private boolean destructive;
    private boolean idempotent;
    private boolean openWorld;
    private Boolean confirm;
    private ToolHandler handler;

    private Builder(String name) {
      this.name = requireNonNull(name, "name == null");
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder toolset(Toolset toolset) {
      this.toolset = toolset;
      return this;
    }

    public Builder access(Access access) {
      this.access = access;
      return this;
    }

    public Builder inputSchema(ObjectNode inputSchema) {
      this.inputSchema = inputSchema;
      return this;
    }

    public Builder outputSchema(ObjectNode outputSchema) {
      this.outputSchema = outputSchema;
      return this;
    }

    /** Overrides the default taken from the access (only meaningful for {@link Access#NONE}). */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    public Builder destructive(boolean destructive) {
      this.destructive = destructive;
      return this;
    }

    public Builder idempotent(boolean idempotent) {
      this.idempotent = idempotent;
      return this;
    }

    public Builder openWorld(boolean openWorld) {
      this.openWorld = openWorld;
      return this;
    }

    public Builder confirm(boolean confirm) {
      this.confirm = confirm;
      return this;
    }

    public Builder handler(ToolHandler handler) {
      this.handler = handler;
      return this;
    }

    public ToolDefinition build() {
      requireNonNull(access, "access == null");
      boolean readOnlyHint = readOnly != null ? readOnly : access == Access.READ;
      return new ToolDefinition(
          name,
          title,
          description,
          toolset,
          access,
          inputSchema,
          outputSchema,
          readOnlyHint,
          destructive,
          idempotent,
          openWorld,
          confirm != null ? confirm : destructive,
          handler);
    }
  }
}
