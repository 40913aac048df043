package ai.aisetu.cli;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.local.LocalControlPlane;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The training run behind the launcher's start-up archives: a real stdio session against a local
 * control plane, so the JVM that records the archive (AppCDS on Java 17, the AOT cache on Java 25)
 * loads and links what a real session does.
 *
 * <pre>
 * java -cp ai-setu-mcp.jar ai.aisetu.cli.StartupTraining -- java -XX:ArchiveClassesAtExit=app.jsa -jar ai-setu-mcp.jar
 * </pre>
 *
 * <p>Starts an in-memory local control plane, signs a user in by one-time code, then runs the
 * command after {@code --} with {@code --base-url <plane> --no-transcript} and that user's PAT in
 * {@code AI_SETU_PAT}, and speaks MCP to it: {@code initialize}, {@code tools/list}, and tool
 * calls that reach the control plane. Then it ends the server's input and waits for it to exit
 * (the JVM writes its archive at exit). Exits with the server's status, or 1 if the session
 * failed. Progress goes to stderr.
 */
public final class StartupTraining {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(180);
  private static final String EMAIL = "startup-training@example.com";

  private StartupTraining() {}

  public static void main(String[] args) throws Exception {
    int separator = Arrays.asList(args).indexOf("--");
    if (separator < 0 || separator == args.length - 1) {
      System.err.println("usage: StartupTraining -- <server command: java [flags] -jar ai-setu-mcp.jar>");
      System.exit(2);
      return;
    }
    List<String> command = new ArrayList<>(Arrays.asList(args).subList(separator + 1, args.length));
    System.exit(run(command));
  }

  static int run(List<String> serverCommand) throws IOException, InterruptedException {
    try (LocalControlPlane plane = LocalControlPlane.builder().inMemory().port(0).build().start()) {
      String baseUrl = plane.baseUri().toString();
      String pat;
      String workspaceId;
      try (AiSetuAdmin admin = AiSetuAdmin.builder().environment(Map.of()).baseUrl(baseUrl).build()) {
        admin.requestLoginCode(EMAIL);
        String code = plane.latestLoginCode(EMAIL).orElseThrow();
        pat = admin.verifyLoginCode(EMAIL, code, "startup-training", null).secret();
        workspaceId = admin.withPat(pat).workspaces().list().get(0).id();
      }
      List<String> command = new ArrayList<>(serverCommand);
      command.addAll(List.of("--base-url", baseUrl, "--no-transcript"));
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
      builder.environment().put("AI_SETU_PAT", pat);
      builder.environment().remove("AI_SETU_API_BASE_URL");
      Process server = builder.start();
      boolean sessionOk = session(server, workspaceId);
      server.getOutputStream().close();
      if (!server.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        server.destroyForcibly();
        System.err.println("startup training: the server did not exit after end of input");
        return 1;
      }
      int status = server.exitValue();
      if (!sessionOk) return 1;
      System.err.println("startup training: session done, server exited " + status);
      return status;
    }
  }

  /** Runs the training session; false if a response is missing or a JSON-RPC error. */
  private static boolean session(Process server, String workspaceId) throws IOException, InterruptedException {
    BlockingQueue<JsonNode> responses = new ArrayBlockingQueue<>(64);
    Thread reader = new Thread(() -> readResponses(server, responses), "startup-training-stdout");
    reader.setDaemon(true);
    reader.start();
    OutputStream in = server.getOutputStream();
    ObjectNode clientInfo = JSON.createObjectNode().put("name", "ai-setu-mcp-startup-training").put("version", "0");
    ObjectNode init = JSON.createObjectNode().put("protocolVersion", "2025-06-18");
    init.set("capabilities", JSON.createObjectNode());
    init.set("clientInfo", clientInfo);
    if (!exchange(in, responses, 1, "initialize", init)) return false;
    send(in, JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
    if (!exchange(in, responses, 2, "tools/list", JSON.createObjectNode())) return false;
    // Reads, a lookup that succeeds and one that fails (the error path is part of a session too).
    Map<String, Map<String, String>> calls = new java.util.LinkedHashMap<>();
    calls.put("whoami", Map.of());
    calls.put("workspaces_list", Map.of());
    calls.put("workspaces_get", Map.of("workspaceId", workspaceId));
    calls.put("api_keys_list", Map.of("workspaceId", workspaceId));
    calls.put("workspaces_list_members", Map.of("workspaceId", "ws_missing"));
    int id = 3;
    for (Map.Entry<String, Map<String, String>> call : calls.entrySet()) {
      ObjectNode params = JSON.createObjectNode().put("name", call.getKey());
      params.set("arguments", JSON.valueToTree(call.getValue()));
      if (!exchange(in, responses, id++, "tools/call", params)) return false;
    }
    return true;
  }

  private static boolean exchange(OutputStream in, BlockingQueue<JsonNode> responses, int id, String method,
      ObjectNode params) throws IOException, InterruptedException {
    ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
    request.set("params", params);
    send(in, request);
    long deadline = System.nanoTime() + RESPONSE_TIMEOUT.toNanos();
    while (true) {
      JsonNode response = responses.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (response == null) {
        System.err.println("startup training: no response to " + method + " in " + RESPONSE_TIMEOUT.toSeconds() + " s");
        return false;
      }
      if (response.path("id").asInt(-1) != id) continue; // a notification or a request from the server
      if (response.has("error")) {
        System.err.println("startup training: " + method + " failed: " + response.get("error"));
        return false;
      }
      return true;
    }
  }

  private static void send(OutputStream in, JsonNode message) throws IOException {
    in.write((JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  private static void readResponses(Process server, BlockingQueue<JsonNode> responses) {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.isBlank()) continue;
        JsonNode message;
        try {
          message = JSON.readTree(line);
        } catch (IOException e) {
          System.err.println("startup training: not JSON-RPC on the server's stdout: " + line);
          continue;
        }
        if (message.has("id") && message.has("method")) continue; // the training never answers requests
        if (!responses.offer(message, RESPONSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) return;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
