package ai.aisetu.mcp.tools;

/**
 * What a tool does. Handlers run concurrently on worker threads and must be thread-safe; they
 * should keep no state of their own (per-session state lives in {@link ToolCall#session()}).
 *
 * <p>Throw rather than build error results by hand: the server maps {@link ToolInputException},
 * every {@code ai.aisetu.admin.AdminException} and cancellation to an {@code isError} result that
 * tells the model what to do next. Return {@link ToolResult#error(String)} only for refusals of
 * your own.
 */
@FunctionalInterface
public interface ToolHandler {
  ToolResult handle(ToolCall call) throws Exception;
}
