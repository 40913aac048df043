package ai.aisetu.robustness;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates hostile stdio input for the MCP server, reproducibly from a seed: each {@link Case} is
 * one line (or a few) with the answer the server owes it.
 */
final class HostileInput {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the server must answer. */
  enum Expect {
    /** One JSON-RPC error with {@code id: null} and one of {@code codes}. */
    NULL_ID_ERROR,
    /** One JSON-RPC error for the case's id, with one of {@code codes}. */
    ERROR,
    /** One result for the case's id with {@code isError: true}. */
    TOOL_ERROR,
    /** One response (result or error) for the case's id, for every line of the case. */
    ANY_RESPONSE,
    /** Nothing at all (a notification). */
    NOTHING
  }

  /** One case: what is sent, and what must come back. */
  record Case(String category, String description, List<byte[]> lines, Expect expect, String id,
      Set<Integer> codes, String mustMention) {
    Case {
      lines = List.copyOf(lines);
      codes = Set.copyOf(codes);
    }
  }

  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int METHOD_NOT_FOUND = -32601;
  static final int INVALID_PARAMS = -32602;

  private final Random random;
  private final String secret;
  private int ids;

  /** {@code secret}: the session's PAT, planted in places where no secret belongs. */
  HostileInput(long seed, String secret) {
    this.random = new Random(seed);
    this.secret = secret;
  }

  /** {@code count} cases, the categories interleaved at random. */
  List<Case> cases(int count) {
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      switch (random.nextInt(10)) {
        case 9 -> cases.add(pathTraversal());
        case 0 -> cases.add(malformedJson());
        case 1 -> cases.add(invalidUtf8());
        case 2 -> cases.add(wrongShape());
        case 3 -> cases.add(unknownMethod());
        case 4 -> cases.add(badToolArguments());
        case 5 -> cases.add(duplicateIds());
        case 6 -> cases.add(secretInUnexpectedField());
        case 7 -> cases.add(deepNesting(random.nextInt(4) == 0));
        default -> cases.add(unknownTool());
      }
    }
    return cases;
  }

  /** Lines longer than the transport's limit, and a long but legal one. */
  List<Case> hugeLines(int maxLineBytes) {
    List<Case> cases = new ArrayList<>();
    byte[] overLimit = new byte[maxLineBytes + 1 + random.nextInt(64 * 1024)];
    Arrays.fill(overLimit, (byte) 'a');
    cases.add(new Case("huge lines and bodies", "bare line of " + overLimit.length + " bytes",
        List.of(line(overLimit)), Expect.NULL_ID_ERROR, null, Set.of(INVALID_REQUEST), "longer than"));
    String id = nextId();
    String prefix = "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"tools/call\",\"params\":"
        + "{\"name\":\"workspaces_create\",\"arguments\":{\"name\":\"";
    byte[] padding = new byte[maxLineBytes];
    Arrays.fill(padding, (byte) 'x');
    cases.add(new Case("huge lines and bodies", "tools/call over the limit",
        List.of(line(concat(prefix.getBytes(UTF_8), padding, "\"}}}".getBytes(UTF_8)))),
        Expect.NULL_ID_ERROR, null, Set.of(INVALID_REQUEST), "longer than"));
    String legalId = nextId();
    String big = "y".repeat(maxLineBytes / 2);
    cases.add(new Case("huge lines and bodies", "tools/call with a 2 MiB argument",
        List.of(line(toolCall(legalId, "workspaces_create", Map.of("name", big)))),
        Expect.TOOL_ERROR, legalId, Set.of(), "name"));
    return cases;
  }

  /** Requests sent before {@code initialize}: refused with their id (a ping is answered). */
  List<Case> beforeInitialize(int count) {
    List<Case> cases = new ArrayList<>();
    String[] methods = {"tools/call", "tools/list", "resources/list", "resources/read", "prompts/list",
        "completion/complete", "logging/setLevel", "ping"};
    for (int i = 0; i < count; i++) {
      String method = methods[random.nextInt(methods.length)];
      String id = nextId();
      byte[] line = method.equals("tools/call")
          ? toolCall(id, random.nextBoolean() ? "whoami" : "workspaces_create", Map.of("name", "early"))
          : request(id, method, method.equals("resources/read") ? Map.of("uri", "ai-setu://runbook") : null);
      cases.add(method.equals("ping")
          ? new Case(BEFORE_INITIALIZE, method, List.of(line(line)), Expect.ANY_RESPONSE, id, Set.of(), null)
          : new Case(BEFORE_INITIALIZE, method, List.of(line(line)), Expect.ERROR, id,
              Set.of(INVALID_REQUEST), "initialize"));
    }
    return cases;
  }

  static final String BEFORE_INITIALIZE = "requests before initialize";

  private Case malformedJson() {
    String valid = new String(request(nextId(), "ping", null), UTF_8);
    String text = switch (random.nextInt(6)) {
      case 0 -> valid.substring(0, 1 + random.nextInt(valid.length() - 2)); // Cut short.
      case 1 -> valid + "}";                                                // Trailing token.
      case 2 -> valid.replace('"', '\'');                                    // Single quotes.
      case 3 -> "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",}";        // Trailing comma.
      case 4 -> randomPrintable(1 + random.nextInt(200)) + "{";              // Garbage.
      default -> "{\"jsonrpc\":\"2.0\",\"id\":NaN,\"method\":\"ping\"}";
    };
    return new Case("malformed JSON", text.length() > 60 ? text.substring(0, 60) : text,
        List.of(line(text.getBytes(UTF_8))), Expect.NULL_ID_ERROR, null, Set.of(PARSE_ERROR), "Parse error");
  }

  private Case invalidUtf8() {
    byte[][] bad = {
        {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0xE2, (byte) 0x82}};
    byte[] insert = bad[random.nextInt(bad.length)];
    byte[] valid = toolCall(nextId(), "workspaces_create", Map.of("name", "ws-XX"));
    String text = new String(valid, UTF_8);
    int at = text.indexOf("XX");
    byte[] line = concat(Arrays.copyOf(valid, at), insert, Arrays.copyOfRange(valid, at + 2, valid.length));
    return new Case("invalid UTF-8", "bytes " + hex(insert) + " in a string", List.of(line(line)),
        Expect.NULL_ID_ERROR, null, Set.of(PARSE_ERROR), "UTF-8");
  }

  private Case wrongShape() {
    String[] shapes = {
        "{}", "[]", "42", "\"ping\"", "null", "true",
        "{\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}",
        "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":[1,2]}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":\"x\"}",
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]",
        "{\"jsonrpc\":\"2.0\",\"id\":99999,\"result\":{},\"error\":{\"code\":1,\"message\":\"x\"}}",
        "{\"jsonrpc\":\"2.0\",\"result\":{}}",
        "{\"jsonrpc\":\"2.0\"}",
    };
    String shape = shapes[random.nextInt(shapes.length)];
    return new Case("wrong JSON-RPC shapes", shape, List.of(line(shape.getBytes(UTF_8))),
        Expect.NULL_ID_ERROR, null, Set.of(INVALID_REQUEST), "Invalid Request");
  }

  private Case unknownMethod() {
    String method = switch (random.nextInt(5)) {
      case 0 -> "tools/explode";
      case 1 -> "admin/" + randomWord();
      case 2 -> "";
      case 3 -> "rpc.discover";
      default -> randomPrintable(1 + random.nextInt(40));
    };
    if (random.nextInt(4) == 0) {
      ObjectNode notification = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/" + method);
      return new Case("unknown methods", "notification " + method,
          List.of(line(notification.toString().getBytes(UTF_8))), Expect.NOTHING, null, Set.of(), null);
    }
    String id = nextId();
    return new Case("unknown methods", method, List.of(line(request(id, method, null))),
        Expect.ERROR, id, Set.of(METHOD_NOT_FOUND), null);
  }

  private Case unknownTool() {
    String id = nextId();
    String tool = random.nextBoolean() ? "no_such_tool" : "../../" + randomWord();
    return new Case("unknown tools", tool, List.of(line(toolCall(id, tool, Map.of()))),
        Expect.ERROR, id, Set.of(INVALID_PARAMS), null);
  }

  private Case badToolArguments() {
    String id = nextId();
    Object wrong = switch (random.nextInt(8)) {
      case 0 -> 123;
      case 1 -> List.of("a", "b");
      case 2 -> Map.of("nested", true);
      case 3 -> false;
      case 4 -> "";
      case 5 -> "n".repeat(65 + random.nextInt(1000));
      case 6 -> Long.MAX_VALUE;
      default -> -1.5e308;
    };
    if (random.nextInt(5) == 0) {
      String workspace = switch (random.nextInt(4)) {
        case 0 -> "../../etc/passwd";
        case 1 -> "ws_" + randomWord();
        case 2 -> "' OR 1=1 --";
        default -> "%00";
      };
      return new Case("out-of-range and wrong-typed tool arguments", "workspaces_delete " + workspace,
          List.of(line(toolCall(id, "workspaces_delete", Map.of("workspaceId", workspace)))),
          Expect.TOOL_ERROR, id, Set.of(), "not found");
    }
    return new Case("out-of-range and wrong-typed tool arguments", "workspaces_create name=" + abbreviate(wrong),
        List.of(line(toolCall(id, "workspaces_create", Map.of("name", wrong)))), Expect.TOOL_ERROR, id,
        Set.of(), "name");
  }

  /** A file destination for a minted secret that points outside the workspace roots. */
  private Case pathTraversal() {
    String[] paths = {
        "../../etc/passwd", "/etc/passwd", "/tmp/robustness-escape.env", "a/../../b.env",
        "..", "/", ".", "", "..\\..\\windows\\win.ini", "%2e%2e/%2e%2e/etc/passwd",
        "~/.ssh/authorized_keys", "/proc/self/environ", "nested/../../../x.env", "\u0000.env"};
    String path = paths[random.nextInt(paths.length)];
    String id = nextId();
    String tool = random.nextBoolean() ? "api_keys_create" : "pats_create";
    Map<String, Object> arguments = tool.equals("api_keys_create")
        ? Map.of("workspaceId", "ws_unknown", "name", "ci",
            "destination", Map.of("type", "file", "path", path))
        : Map.of("name", "ci", "scopes", List.of("admin:read"),
            "destination", Map.of("type", "file", "path", path));
    return new Case("path-traversal file destinations", tool + " to " + path,
        List.of(line(toolCall(id, tool, arguments))), Expect.TOOL_ERROR, id, Set.of(), "destination");
  }

  private Case duplicateIds() {
    String id = nextId();
    List<byte[]> lines = new ArrayList<>();
    int copies = 2 + random.nextInt(3);
    for (int i = 0; i < copies; i++) {
      lines.add(line(random.nextBoolean() ? request(id, "ping", null) : toolCall(id, "whoami", Map.of())));
    }
    return new Case("duplicate ids", copies + " requests with id " + id, lines, Expect.ANY_RESPONSE, id, Set.of(), null);
  }

  private Case secretInUnexpectedField() {
    String id = nextId();
    byte[] line = switch (random.nextInt(5)) {
      case 0 -> toolCall(id, "whoami", Map.of(secret, secret));
      case 1 -> toolCall(id, "workspaces_delete", Map.of("workspaceId", secret));
      case 2 -> request(id, "tools/list", Map.of("cursor", secret));
      case 3 -> request(id, "resources/read", Map.of("uri", "file:///" + secret));
      default -> toolCall(id, "workspaces_create", Map.of("name", 7, "description", secret));
    };
    return new Case("secrets in unexpected fields", "the PAT in a field", List.of(line(line)),
        Expect.ANY_RESPONSE, id, Set.of(), null);
  }

  /** 100k brackets as a bare line, or deep (but parseable) nesting inside tool arguments. */
  private Case deepNesting(boolean huge) {
    if (huge) {
      int depth = 100_000;
      String text = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
          : "{\"jsonrpc\":\"2.0\",\"id\":\"deep\",\"method\":\"ping\",\"params\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth + 1);
      return new Case("deep nesting", "depth " + depth, List.of(line(text.getBytes(UTF_8))),
          Expect.NULL_ID_ERROR, null, Set.of(PARSE_ERROR), "Parse error");
    }
    String id = nextId();
    int depth = 50 + random.nextInt(400);
    String arguments = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    String text = "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"tools/call\",\"params\":"
        + "{\"name\":\"whoami\",\"arguments\":{\"deep\":" + arguments + "}}}";
    return new Case("deep nesting", "depth " + depth + " in arguments", List.of(line(text.getBytes(UTF_8))),
        Expect.ANY_RESPONSE, id, Set.of(), null);
  }

  String nextId() {
    return "f" + (++ids);
  }

  static byte[] request(String id, String method, Object params) {
    ObjectNode node = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
    if (params != null) node.set("params", JSON.valueToTree(params));
    return node.toString().getBytes(UTF_8);
  }

  static byte[] toolCall(String id, String tool, Map<String, ?> arguments) {
    return request(id, "tools/call", Map.of("name", tool, "arguments", arguments));
  }

  private static byte[] line(byte[] bytes) {
    return concat(bytes, new byte[] {'\n'});
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) out.writeBytes(part);
    return out.toByteArray();
  }

  private String randomWord() {
    StringBuilder word = new StringBuilder();
    for (int i = 0, n = 3 + random.nextInt(10); i < n; i++) word.append((char) ('a' + random.nextInt(26)));
    return word.toString();
  }

  /** Printable ASCII without quotes or backslashes, so it can sit in a JSON string. */
  private String randomPrintable(int length) {
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      char c = (char) (0x20 + random.nextInt(0x5f));
      if (c != '"' && c != '\\' && c != '{' && c != '[') text.append(c);
    }
    return text.toString();
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) out.append(String.format("%02X", b & 0xff));
    return out.toString();
  }

  private static String abbreviate(Object value) {
    String text = String.valueOf(value);
    return text.length() > 20 ? text.substring(0, 20) + "…(" + text.length() + ")" : text;
  }
}
