package ai.aisetu.mcp.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The only error bodies the HTTP transport ever sends: a JSON-RPC error object with a fixed,
 * actionable message chosen by status. Never the text of an exception, never a stack trace.
 */
final class HttpErrors {
  static final ObjectMapper JSON = new ObjectMapper();

  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int SERVER_ERROR = -32000;
  static final int INTERNAL_ERROR = -32603;

  private HttpErrors() {}

  /** A JSON-RPC error response: {@code {"jsonrpc":"2.0","id":id,"error":{code,message}}}. */
  static byte[] body(JsonNode id, int code, String message) {
    ObjectNode error = JSON.createObjectNode();
    error.put("jsonrpc", "2.0");
    if (id == null) error.putNull("id");
    else error.set("id", id);
    error.putObject("error").put("code", code).put("message", message);
    return error.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The message for an error status, given what the SDK said (only to pick among fixed messages;
   * its text is never passed on).
   */
  static String messageFor(int status, String sdkSaid, int maxBodyBytes) {
    String said = sdkSaid == null ? "" : sdkSaid;
    switch (status) {
      case 400:
        if (said.contains("Accept")) {
          return "Bad Request: the Accept header must list both application/json and text/event-stream";
        }
        if (said.contains("Session ID") || said.contains("session")) {
          return "Bad Request: send the Mcp-Session-Id header that initialize returned";
        }
        return "Bad Request: the body is not a valid JSON-RPC 2.0 message";
      case 404:
        return "Not Found: unknown or expired session; send initialize to start a new one";
      case 405:
        return "Method Not Allowed";
      case 406:
        return "Not Acceptable: the Accept header must list application/json and text/event-stream";
      case 413:
        return "Payload Too Large: a request body may be at most " + maxBodyBytes + " bytes";
      case 415:
        return "Unsupported Media Type: send Content-Type: application/json";
      case 503:
        return "Service Unavailable: the server is shutting down or cannot reach the control plane; retry shortly";
      default:
        return status >= 500 ? "Internal error; the server's log has the details" : "HTTP " + status;
    }
  }

  static void send(HttpServletResponse response, int status, int code, String message)
      throws IOException {
    send(response, status, null, code, message);
  }

  static void send(HttpServletResponse response, int status, JsonNode id, int code, String message)
      throws IOException {
    byte[] bytes = body(id, code, message);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setContentLength(bytes.length);
    OutputStream out = response.getOutputStream();
    out.write(bytes);
    out.flush();
  }
}
