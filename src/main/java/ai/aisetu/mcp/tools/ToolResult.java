package ai.aisetu.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a tool answers. On success, {@code structuredContent} (a JSON object matching the tool's
 * output schema) goes out as {@code structuredContent} and, serialised, as a text block for
 * clients without structured output; {@code text} is a one-line summary for the model. On error,
 * {@code text} is the message the model acts on.
 *
 * @param userOnlyText text for the person only, sent as a separate text block annotated {@code
 *     audience: ["user"]} (a once-only secret surfaced a single time); null if none. Never logged,
 *     never in {@link #toString()}.
 */
public record ToolResult(
    JsonNode structuredContent, String text, boolean isError, String userOnlyText) {

  public ToolResult {
    if (structuredContent != null && !structuredContent.isObject()) {
      throw new IllegalArgumentException("structuredContent must be a JSON object");
    }
    if (isError && structuredContent != null) {
      throw new IllegalArgumentException("an error result carries no structuredContent");
    }
  }

  /**
   * A success. {@code structured} is serialised with Jackson (records, maps, {@link JsonNode}) and
   * must become a JSON object: wrap lists, e.g. {@code Map.of("workspaces", list)}.
   */
  public static ToolResult ok(Object structured, String summary) {
    JsonNode node = structured instanceof JsonNode json
        ? json
        : ToolJson.mapper().valueToTree(structured);
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(
          "structured result must serialise to a JSON object, not " + (node == null ? "null" : node.getNodeType()));
    }
    return new ToolResult(node, summary, false, null);
  }

  /** A refusal or failure the model can act on; say what to do next. */
  public static ToolResult error(String message) {
    return new ToolResult(null, java.util.Objects.requireNonNull(message, "message == null"), true, null);
  }

  /** This result plus a text block for the user's eyes only (see {@link #userOnlyText()}). */
  public ToolResult withUserOnlyText(String userOnlyText) {
    return new ToolResult(structuredContent, text, isError, userOnlyText);
  }

  /** The structured content as an object node (null on error). */
  public ObjectNode structuredObject() {
    return (ObjectNode) structuredContent;
  }

  @Override
  public String toString() {
    return "ToolResult[isError=" + isError + ", text=" + text
        + (structuredContent != null ? ", structured" : "")
        + (userOnlyText != null ? ", userOnlyText=██" : "") + "]";
  }
}
