package ai.aisetu.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aisetu.secrets.TranscriptWriter.Direction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:15:30Z"), ZoneOffset.UTC);

  @TempDir Path temp;
  final Redactor redactor = new Redactor();

  private Path file() {
    return temp.resolve("state/ai-setu-mcp/transcripts/s-1.jsonl");
  }

  private TranscriptWriter open() throws IOException {
    return TranscriptWriter.open(file(), redactor, TranscriptWriter.DEFAULT_MAX_BYTES, 5, CLOCK);
  }

  private List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file, UTF_8)) lines.add(JSON.readTree(line));
    return lines;
  }

  private static String toolCall(int id, String tool, String argumentsJson) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
        + tool + "\",\"arguments\":" + argumentsJson + "}}";
  }

  private static String toolResult(int id, String text) throws IOException {
    ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id);
    response.putObject("result").putArray("content").addObject().put("type", "text").put("text", text);
    return JSON.writeValueAsString(response);
  }

  @Test
  void toolCallAndItsResultAreRecordedWithMethodToolAndArguments() throws Exception {
    try (TranscriptWriter transcript = open()) {
      transcript.record("s-1", Direction.IN, toolCall(7, "workspaces_list", "{\"first\":10}"));
      transcript.record("s-1", Direction.OUT, toolResult(7, "2 workspaces"));
    }
    List<JsonNode> lines = lines(file());
    assertThat(lines).hasSize(2);
    JsonNode in = lines.get(0);
    assertThat(in.get("time").asText()).isEqualTo("2025-03-01T10:15:30Z");
    assertThat(in.get("session").asText()).isEqualTo("s-1");
    assertThat(in.get("direction").asText()).isEqualTo("in");
    assertThat(in.get("method").asText()).isEqualTo("tools/call");
    assertThat(in.get("id").asInt()).isEqualTo(7);
    assertThat(in.get("tool").asText()).isEqualTo("workspaces_list");
    assertThat(in.get("arguments").get("first").asInt()).isEqualTo(10);
    JsonNode out = lines.get(1);
    assertThat(out.get("direction").asText()).isEqualTo("out");
    assertThat(out.get("tool").asText()).isEqualTo("workspaces_list");
    assertThat(out.has("method")).isFalse();
    assertThat(out.get("result").get("content").get(0).get("text").asText()).isEqualTo("2 workspaces");
  }

  @Test
  void notificationIsRecordedWithMethodAndParams() throws Exception {
    try (TranscriptWriter transcript = open()) {
      transcript.record("s-1", Direction.OUT,
          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\",\"params\":{}}");
    }
    JsonNode line = lines(file()).get(0);
    assertThat(line.get("method").asText()).isEqualTo("notifications/tools/list_changed");
    assertThat(line.has("id")).isFalse();
    assertThat(line.get("params").isObject()).isTrue();
  }

  @Test
  void surfacingResultAndLaterEchoAreStoredRedacted() throws Exception {
    OnceOnlySecret pat = OnceOnlySecret.mint(redactor, "pat", Tokens.pat());
    String value = pat.reveal();
    try (TranscriptWriter transcript = open()) {
      transcript.record("s-1", Direction.IN, toolCall(1, "pats_create", "{\"name\":\"ci\"}"));
      transcript.record("s-1", Direction.OUT, toolResult(1, "Store this now: " + value));
      transcript.record("s-1", Direction.IN, toolCall(2, "whoami", "{\"note\":\"I used " + value + "\"}"));
    }
    String content = Files.readString(file());
    assertThat(content).doesNotContain(value).contains(pat.redacted());
    List<JsonNode> lines = lines(file());
    assertThat(lines.get(1).get("tool").asText()).isEqualTo("pats_create");
    assertThat(lines.get(2).get("arguments").get("note").asText()).isEqualTo("I used " + pat.redacted());
  }

  @Test
  void secretInsideJsonTextOfAResultIsRedacted() throws Exception {
    String key = Tokens.awsSecret();
    redactor.register(key);
    String structured = JSON.writeValueAsString(JSON.createObjectNode().put("secret", key));
    try (TranscriptWriter transcript = open()) {
      transcript.record("s-1", Direction.OUT, toolResult(3, structured));
    }
    String content = Files.readString(file());
    assertThat(content).doesNotContain(key).doesNotContain(key.replace("/", "\\/"));
    assertThat(lines(file()).get(0).get("result")).isNotNull();
  }

  @Test
  void unicodeEscapedAndBase64SecretsInInputAreRedacted() throws Exception {
    String pat = Tokens.pat();
    redactor.register(pat);
    String escaped = "\\u0074" + pat.substring(1);
    String base64 = Base64.getEncoder().encodeToString(pat.getBytes(UTF_8));
    try (TranscriptWriter transcript = open()) {
      transcript.record("s-1", Direction.IN,
          toolCall(4, "whoami", "{\"a\":\"" + escaped + "\",\"b\":\"" + base64 + "\"}"));
    }
    String content = Files.readString(file());
    assertThat(content).doesNotContain(pat).doesNotContain(pat.substring(1)).doesNotContain(base64);
  }

  @Test
  void unregisteredTokenIsRedacted() throws Exception {
    String key = Tokens.apiKey();
    try (TranscriptWriter transcript = open()) {
      transcript.record("s-1", Direction.OUT, toolResult(5, key));
    }
    assertThat(Files.readString(file())).doesNotContain(key).contains(Redactor.redactedForm(key));
  }

  @Test
  void invalidMessageIsKeptAsRedactedRawText() throws Exception {
    String pat = Tokens.pat();
    redactor.register(pat);
    try (TranscriptWriter transcript = open()) {
      transcript.record("s-1", Direction.IN, "{not json " + pat);
    }
    JsonNode line = lines(file()).get(0);
    assertThat(line.get("invalid").asBoolean()).isTrue();
    assertThat(line.get("raw").asText()).isEqualTo("{not json " + Redactor.redactedForm(pat));
  }

  @Test
  void fileIsOwnerOnlyAndDirectoriesAreCreatedOwnerOnly() throws Exception {
    try (TranscriptWriter transcript = open()) {
      transcript.record("s-1", Direction.IN, "{}");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent())))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("state"))))
        .isEqualTo("rwx------");
  }

  @Test
  void reopeningAppends() throws Exception {
    try (TranscriptWriter transcript = open()) {
      transcript.record("s-1", Direction.IN, "{\"id\":1,\"method\":\"ping\"}");
    }
    try (TranscriptWriter transcript = open()) {
      transcript.record("s-1", Direction.IN, "{\"id\":2,\"method\":\"ping\"}");
    }
    assertThat(lines(file())).extracting(l -> l.get("id").asInt()).containsExactly(1, 2);
  }

  @Test
  void symlinkedTranscriptFileIsRefused() throws Exception {
    Files.createDirectories(file().getParent());
    Path target = Files.writeString(temp.resolve("elsewhere"), "");
    Files.createSymbolicLink(file(), target);
    assertThatThrownBy(this::open).isInstanceOf(IOException.class);
  }

  @Test
  void rotatesPastSizeLimitKeepingN() throws Exception {
    long maxBytes = 2_000;
    try (TranscriptWriter transcript = TranscriptWriter.open(file(), redactor, maxBytes, 2, CLOCK)) {
      for (int i = 0; i < 100; i++) {
        transcript.record("s-1", Direction.IN, "{\"id\":" + i + ",\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(100) + "\"}}");
      }
      assertThat(transcript.rotated(1).getFileName().toString()).isEqualTo("s-1.1.jsonl");
      for (Path path : List.of(file(), transcript.rotated(1), transcript.rotated(2))) {
        assertThat(path).exists();
        assertThat(Files.size(path)).isLessThanOrEqualTo(maxBytes);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
      }
      assertThat(transcript.rotated(3)).doesNotExist();
    }
    List<JsonNode> current = lines(file());
    assertThat(current.get(current.size() - 1).get("id").asInt()).isEqualTo(99);
  }

  @Test
  void disabledWriterRecordsNothing() {
    TranscriptWriter transcript = TranscriptWriter.disabled();
    transcript.record("s-1", Direction.IN, "{}");
    transcript.flush();
    transcript.close();
    assertThat(transcript.enabled()).isFalse();
    assertThat(transcript.file()).isNull();
  }

  @Test
  void defaultPathFollowsXdgStateHome() {
    assertThat(TranscriptWriter.defaultPath(Map.of("XDG_STATE_HOME", "/st", "HOME", "/h"), "abc-1"))
        .isEqualTo(Path.of("/st/ai-setu-mcp/transcripts/abc-1.jsonl"));
    assertThat(TranscriptWriter.defaultPath(Map.of("HOME", "/h"), "../x/y"))
        .isEqualTo(Path.of("/h/.local/state/ai-setu-mcp/transcripts/session.._x_y.jsonl"));
  }

  @Test
  void concurrentRecordsProduceWholeLines() throws Exception {
    int threads = 8;
    int perThread = 50;
    try (TranscriptWriter transcript = open()) {
      Concurrently.run(threads, thread -> {
        for (int i = 0; i < perThread; i++) {
          String secret = Tokens.pat();
          redactor.register(secret);
          transcript.record("s-" + thread, Direction.IN, toolCall(i, "whoami", "{\"s\":\"" + secret + "\"}"));
          transcript.record("s-" + thread, Direction.OUT, toolResult(i, "ok " + secret));
        }
        return null;
      });
    }
    List<JsonNode> lines = lines(file());
    assertThat(lines).hasSize(threads * perThread * 2);
    assertThat(lines).filteredOn(l -> l.get("direction").asText().equals("out"))
        .allSatisfy(l -> assertThat(l.get("tool").asText()).isEqualTo("whoami"));
    assertThat(Files.readString(file())).doesNotContainPattern("tt_pat_[A-Za-z0-9]{10}");
  }


  @Test
  void recordingA64KiBResultWith100SecretsIsQuick() throws Exception {
    List<String> secrets = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      secrets.add(Tokens.pat());
      redactor.register(secrets.get(i));
    }
    String message = toolResult(9, RedactorTest.sampleResult(secrets, 64 * 1024));
    try (TranscriptWriter transcript = open()) {
      for (int i = 0; i < 100; i++) transcript.record("s-1", Direction.OUT, message); // warm up
      int rounds = 100;
      long begin = System.nanoTime();
      for (int i = 0; i < rounds; i++) transcript.record("s-1", Direction.OUT, message);
      double micros = (System.nanoTime() - begin) / 1000.0 / rounds;
      System.out.printf("transcript record of a 64 KiB result with 100 secrets: %.0f µs%n", micros);
      assertThat(micros).isLessThan(50_000);
    }
    String content = Files.readString(file());
    for (String s : secrets) assertThat(content).doesNotContain(s);
  }
}
