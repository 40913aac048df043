package ai.aisetu.mcp.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection, so tests control every header
 * (including {@code Host}) and see every byte of the answer.
 */
public final class RawHttp {
  public static final ObjectMapper JSON = new ObjectMapper();

  public record Response(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The JSON-RPC messages in the body: the body itself, or each SSE data field. */
    public List<JsonNode> messages() throws IOException {
      List<JsonNode> messages = new ArrayList<>();
      String type = header("content-type");
      if (type != null && type.startsWith("text/event-stream")) {
        for (String line : body.split("\n")) {
          if (line.startsWith("data:")) messages.add(JSON.readTree(line.substring(5).strip()));
        }
      } else if (!body.isEmpty()) {
        messages.add(JSON.readTree(body));
      }
      return messages;
    }

    public JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  private final int port;

  public RawHttp(int port) {
    this.port = port;
  }

  public Response send(String method, String path, Map<String, String> headers, String body)
      throws IOException {
    return send(method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  public Response send(String method, String path, Map<String, String> headers, byte[] body)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
      Map<String, String> all = new LinkedHashMap<>();
      all.put("Host", "127.0.0.1:" + port);
      all.putAll(headers);
      all.put("Connection", "close");
      if (body != null) all.put("Content-Length", Integer.toString(body.length));
      all.forEach((name, value) -> {
        if (value != null) head.append(name).append(": ").append(value).append("\r\n");
      });
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        try {
          out.write(body);
        } catch (IOException e) {
          // The server may answer (413) and close before reading everything.
        }
      }
      out.flush();
      return read(socket.getInputStream());
    }
  }

  private static Response read(InputStream in) throws IOException {
    byte[] raw = in.readAllBytes();
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) throw new IOException("no HTTP head in: " + text);
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = dechunk(body);
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (at < body.length) {
      int lineEnd = at;
      while (lineEnd + 1 < body.length && !(body[lineEnd] == '\r' && body[lineEnd + 1] == '\n')) lineEnd++;
      String size = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
      if (size.isEmpty()) break;
      int length = Integer.parseInt(size, 16);
      if (length == 0) break;
      int start = lineEnd + 2;
      out.write(body, start, Math.min(length, body.length - start));
      at = start + length + 2;
    }
    return out.toByteArray();
  }
}
