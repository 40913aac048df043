package ai.aisetu.robustness;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.mcp.http.RawHttp;
import ai.aisetu.robustness.HostileInput.Case;
import ai.aisetu.robustness.HostileInput.Expect;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeded hostile cases of {@link HostileInput} as POST bodies to {@code /mcp} of the server in a
 * child process ({@link RobustHttpServerMain}): malformed and non-UTF-8 bodies and wrong shapes get
 * 400 with the JSON-RPC error their category owes, bodies over the 1 MiB limit 413, requests with
 * no session or an unknown one 400/404, and in-session cases the JSON-RPC error or {@code isError}
 * result they owe. No answer carries a stack trace, an exception name or the caller's PAT; the
 * server answers {@code /healthz} and a real tool call after every {@value #CHECK_EVERY} cases, and
 * its live heap stays within {@value #HEAP_GROWTH_BOUND_MB} MiB of where it started.
 */
final class HostileHttpInputTest {
  static final int CASES = Integer.getInteger("robustness.httpFuzzCases", 2000);
  static final int CHECK_EVERY = 50;
  static final int HEAP_GROWTH_BOUND_MB = 16;
  static final int MAX_BODY_BYTES = 1024 * 1024;

  @TempDir static Path temp;
  @RegisterExtension static final SignedUpPlane PLANE = new SignedUpPlane("http-fuzz@example.com");

  @Test
  void everyHostileBodyGetsTheAnswerItsCategoryOwesAndTheServerStaysUp() throws Exception {
    HostileInput input = new HostileInput(RobustnessSummary.SEED, PLANE.pat());
    List<Case> cases = new ArrayList<>(input.cases(CASES));
    List<Case> early = input.beforeInitialize(100);
    List<String> failures = new ArrayList<>();
    try (McpHttpProcess server = McpHttpProcess.start(PLANE.baseUrl(), PLANE.pat(),
        temp.resolve("state"), Duration.ofMinutes(30))) {
      McpHttpProcess.Session session = server.open(PLANE.pat());
      assertThat(session.tool("warm-up", "whoami", "{}")).isNotNull();
      long heapStart = server.process.heapUsedKbAfterGc();

      // No session, and a session id nobody opened.
      McpHttpProcess.Session none = server.new Session(PLANE.pat());
      McpHttpProcess.Session unknown = server.new Session(PLANE.pat());
      unknown.id = "00000000-0000-0000-0000-000000000000";
      for (Case c : early) {
        record(failures, c, "no session", judgeStatus(none.post(body(c, 0)), 400, 404));
        record(failures, c, "unknown session", judgeStatus(unknown.post(body(c, 0)), 404));
      }
      for (int i = 0; i < 8; i++) {
        record(failures, tooLarge(i), "", judgeStatus(session.post(huge(i)), 413));
      }
      int sent = 0;
      for (Case c : cases) {
        String failure = null;
        for (int line = 0; line < c.lines().size() && failure == null; line++) {
          failure = judge(c, session.post(body(c, line)));
        }
        record(failures, c, "", failure);
        if (++sent % CHECK_EVERY == 0) {
          assertThat(server.healthy()).as("healthz after %d cases", sent).isTrue();
          JsonNode who = session.tool("alive-" + sent, "whoami", "{}");
          assertThat(who).as("whoami after %d cases; failures so far %s", sent, failures).isNotNull();
          assertThat(who.path("result").path("isError").asBoolean(true)).as(who.toString()).isFalse();
        }
      }
      long heapEnd = server.process.heapUsedKbAfterGc();
      String stderr = server.stderr();
      RobustnessSummary.note(String.format("hostile HTTP input: %d cases + %d before/without a session"
              + " + 8 bodies over 1 MiB; healthz and whoami every %d; live heap %d -> %d KiB (bound +%d MiB)",
          cases.size(), early.size() * 2, CHECK_EVERY, heapStart, heapEnd, HEAP_GROWTH_BOUND_MB));
      assertThat(failures).as("bodies answered wrongly (seed %d)", RobustnessSummary.SEED).isEmpty();
      assertThat(Path.of("/tmp/robustness-escape.env")).as("a secret written outside the root").doesNotExist();
      assertThat(heapEnd - heapStart).as("live heap growth, KiB").isLessThan(HEAP_GROWTH_BOUND_MB * 1024L);
      assertThat(stderr).doesNotContain(PLANE.pat());
      assertThat(McpServerProcess.STACK_TRACE.matcher(stderr).find()).as("a stack trace on stderr").isFalse();
    }
  }

  private static void record(List<String> failures, Case c, String variant, String failure) {
    String category = c.category() + (variant.isEmpty() ? "" : " (" + variant + ")");
    RobustnessSummary.cases("hostile HTTP input: " + category, 1, failure == null ? 0 : 1);
    if (failure != null) failures.add(category + " / " + c.description() + ": " + failure);
  }

  /** The case's {@code line}th message without its newline. */
  private static byte[] body(Case c, int line) {
    byte[] bytes = c.lines().get(line);
    return Arrays.copyOf(bytes, bytes.length - 1);
  }

  private static Case tooLarge(int i) {
    return new Case("huge bodies", "body over 1 MiB #" + i, List.of(), Expect.NULL_ID_ERROR, null,
        java.util.Set.of(HostileInput.INVALID_REQUEST), null);
  }

  private static byte[] huge(int i) {
    String prefix = "{\"jsonrpc\":\"2.0\",\"id\":\"huge" + i + "\",\"method\":\"tools/call\",\"params\":"
        + "{\"name\":\"workspaces_create\",\"arguments\":{\"name\":\"";
    byte[] body = new byte[MAX_BODY_BYTES + 1 + i * 65_536];
    Arrays.fill(body, (byte) 'x');
    System.arraycopy(prefix.getBytes(UTF_8), 0, body, 0, prefix.length());
    return body;
  }

  /** Null if the answer is right for the case, else what is wrong. */
  private String judge(Case c, RawHttp.Response response) {
    String leak = leak(response);
    if (leak != null) return leak;
    switch (c.expect()) {
      case NULL_ID_ERROR: {
        if (response.status() == 400) return rpcError(c, response, true);
        // Jackson reads some invalid UTF-8 (an encoded surrogate) as text: then it is a request.
        if (c.category().equals("invalid UTF-8") && response.status() == 200) return null;
        return "expected 400, got " + response.status() + ": " + abbreviate(response.body());
      }
      case NOTHING:
        return response.status() == 202 ? null : "expected 202, got " + response.status();
      case ERROR:
        return rpcError(c, response, false);
      case TOOL_ERROR: {
        JsonNode answer = answerFor(c, response);
        if (answer == null) return "no answer for " + c.id() + ": " + response.status() + " " + abbreviate(response.body());
        JsonNode result = answer.path("result");
        // With Main's wiring file destinations work: a name that only looks hostile on another
        // system (backslashes, a literal %2e%2e or ~ directory) is a file inside the root, and the
        // call goes on (to succeed, or fail for another reason).
        if (c.category().equals("path-traversal file destinations") && staysInRoot(c.description())
            && answer.has("result")) {
          return null;
        }
        if (!result.path("isError").asBoolean(false)) return "expected isError: " + abbreviate(answer.toString());
        String text = result.path("content").path(0).path("text").asText("");
        if (c.mustMention() != null && !text.toLowerCase().contains(c.mustMention().toLowerCase())) {
          return "message does not mention " + c.mustMention() + ": " + abbreviate(text);
        }
        return null;
      }
      default: // ANY_RESPONSE
        return answerFor(c, response) != null ? null
            : "no answer for " + c.id() + ": " + response.status() + " " + abbreviate(response.body());
    }
  }

  private static boolean staysInRoot(String description) {
    String path = description.substring(description.indexOf(" to ") + 4);
    return path.contains("\\") || path.startsWith("%2e") || path.startsWith("~/");
  }

  private static String judgeStatus(RawHttp.Response response, int... statuses) {
    String leak = leak(response);
    if (leak != null) return leak;
    for (int status : statuses) {
      if (response.status() == status) {
        try {
          return response.json().path("error").has("code") ? null : "no JSON-RPC error: " + abbreviate(response.body());
        } catch (Exception e) {
          return "not JSON: " + abbreviate(response.body());
        }
      }
    }
    return "status " + response.status() + " not in " + Arrays.toString(statuses) + ": " + abbreviate(response.body());
  }

  /** A stack trace, exception name or the PAT in the answer. */
  private static String leak(RawHttp.Response response) {
    if (response.body().contains(PLANE.pat())) return "the PAT in the answer";
    if (McpServerProcess.STACK_TRACE.matcher(response.body()).find()) return "internals: " + abbreviate(response.body());
    return null;
  }

  private static String rpcError(Case c, RawHttp.Response response, boolean nullId) {
    JsonNode answer;
    try {
      answer = nullId ? response.json() : answerFor(c, response);
    } catch (Exception e) {
      return "not JSON: " + abbreviate(response.body());
    }
    if (answer == null) return "no answer: " + response.status() + " " + abbreviate(response.body());
    JsonNode error = answer.path("error");
    if (!error.has("code")) return "expected a JSON-RPC error: " + abbreviate(answer.toString());
    if (!c.codes().isEmpty() && !c.codes().contains(error.path("code").asInt())) {
      return "code " + error.path("code").asInt() + " not in " + c.codes() + ": " + abbreviate(answer.toString());
    }
    return null;
  }

  private static JsonNode answerFor(Case c, RawHttp.Response response) {
    try {
      for (JsonNode message : response.messages()) {
        if (c.id() != null && c.id().equals(message.path("id").asText())) return message;
      }
    } catch (Exception e) {
      return null;
    }
    return null;
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}
