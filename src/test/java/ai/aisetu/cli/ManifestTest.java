package ai.aisetu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.mcp.tools.ToolCatalogue;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.onboarding.ServerSecrets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code mcp-manifest.json} (an MCP Registry {@code server.json}) against what the code really is:
 * the tool catalogue, the command line's flags, the environment variables the sources read, the
 * Maven coordinates and the image's ownership label.
 */
final class ManifestTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path ROOT = Path.of("").toAbsolutePath();

  static JsonNode manifest() throws IOException {
    return JSON.readTree(ROOT.resolve("mcp-manifest.json").toFile());
  }

  static JsonNode oci() throws IOException {
    for (JsonNode pkg : manifest().path("packages")) {
      if (pkg.path("registryType").asText().equals("oci")) return pkg;
    }
    throw new AssertionError("no OCI package");
  }

  static String pom(String tag) throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    pom = pom.substring(0, pom.indexOf("<properties>"));
    Matcher m = Pattern.compile("<" + tag + ">([^<]+)</" + tag + ">").matcher(pom.substring(pom.indexOf("</parent>") + 1));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void identityMatchesThePomAndTheImageLabel() throws IOException {
    JsonNode manifest = manifest();
    assertThat(manifest.path("$schema").asText())
        .isEqualTo("https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json");
    String name = manifest.path("name").asText();
    assertThat(name).matches("^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$");
    assertThat(manifest.path("description").asText()).hasSizeBetween(1, 100);
    assertThat(manifest.path("version").asText()).isEqualTo(pom("version"));
    assertThat(oci().path("identifier").asText()).endsWith(":" + pom("version"));
    assertThat(oci().has("version")).as("the OCI tag carries the version").isFalse();
    assertThat(oci().at("/transport/type").asText()).isEqualTo("stdio");
    assertThat(Files.readString(ROOT.resolve("Dockerfile")))
        .contains("io.modelcontextprotocol.server.name=\"" + name + "\"");
    JsonNode maven = manifest.at("/_meta/io.modelcontextprotocol.registry~1publisher-provided/maven");
    assertThat(maven.path("groupId").asText()).isEqualTo(pom("groupId"));
    assertThat(maven.path("artifactId").asText()).isEqualTo(pom("artifactId"));
    assertThat(maven.path("version").asText()).isEqualTo(pom("version"));
    assertThat(maven.path("mainClass").asText()).isEqualTo(Main.class.getName());
  }

  @Test
  void toolsAreTheCatalogue() throws IOException {
    List<String> catalogue = new ArrayList<>();
    for (ToolCatalogue tools : ServiceLoader.load(ToolCatalogue.class)) {
      for (ToolDefinition tool : tools.tools()) catalogue.add(tool.name());
    }
    try (ServerSecrets secrets = ServerSecrets.builder(Map.of()).transcript(false, null).build()) {
      for (ToolDefinition tool : secrets.catalogue(List::of).tools()) catalogue.add(tool.name());
    }
    List<String> listed = new ArrayList<>();
    manifest().at("/_meta/io.modelcontextprotocol.registry~1publisher-provided/tools")
        .forEach(tool -> listed.add(tool.asText()));
    assertThat(listed).containsExactlyInAnyOrderElementsOf(catalogue).hasSize(catalogue.size());
  }

  @Test
  void everyPackageArgumentIsARealFlag() throws Exception {
    for (JsonNode argument : oci().path("packageArguments")) {
      assertThat(argument.path("type").asText()).isEqualTo("named");
      String flag = argument.path("name").asText();
      String[] args = argument.has("value") || argument.has("valueHint")
          ? new String[] {flag, argument.path("value").asText("workspaces")}
          : new String[] {flag};
      CommandLine.parse(args, Map.of(), CredentialSource.NONE); // Throws on an unknown flag.
      assertThat(CommandLine.HELP).contains(flag);
    }
  }

  @Test
  void runtimeArgumentsAreDockerFlagsPassingDeclaredVariables() throws IOException {
    Set<String> declared = declaredVariables();
    assertThat(oci().path("runtimeHint").asText()).isEqualTo("docker");
    for (JsonNode argument : oci().path("runtimeArguments")) {
      assertThat(argument.path("name").asText()).isIn("-i", "--rm", "-e");
      if (argument.path("name").asText().equals("-e")) {
        assertThat(declared).contains(argument.path("value").asText());
      }
    }
  }

  @Test
  void environmentVariablesAreExactlyTheOnesTheCodeReads() throws IOException {
    assertThat(declaredVariables()).isEqualTo(variablesReadBySources());
    Map<String, Boolean> secret = new HashMap<>();
    oci().path("environmentVariables").forEach(v -> secret.put(v.path("name").asText(), v.path("isSecret").asBoolean()));
    assertThat(secret).containsEntry("AI_SETU_PAT", true)
        .containsEntry("AI_SETU_MCP_HTTP_TOKEN", true)
        .containsEntry("AI_SETU_LOCAL_KEK", true)
        .containsEntry("AI_SETU_API_BASE_URL", false);
  }

  @Test
  void theRemoteIsStreamableHttpWithASecretAuthorizationHeader() throws IOException {
    JsonNode remote = manifest().path("remotes").get(0);
    assertThat(remote.path("type").asText()).isEqualTo("streamable-http");
    assertThat(remote.path("url").asText()).endsWith("/mcp");
    JsonNode header = remote.path("headers").get(0);
    assertThat(header.path("name").asText()).isEqualTo("Authorization");
    assertThat(header.path("value").asText()).startsWith("Bearer ");
    assertThat(header.path("isSecret").asBoolean()).isTrue();
    assertThat(header.path("isRequired").asBoolean()).isTrue();
  }

  private static Set<String> declaredVariables() throws IOException {
    Set<String> names = new TreeSet<>();
    oci().path("environmentVariables").forEach(v -> names.add(v.path("name").asText()));
    return names;
  }

  /**
   * Every {@code AI_SETU_*} variable read in src/main: {@code getenv("X")}, or {@code get}/{@code
   * containsKey} of a literal or of a {@code *_ENV} constant, resolved to its value.
   */
  static Set<String> variablesReadBySources() throws IOException {
    Map<String, String> constants = new HashMap<>();
    List<String> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT.resolve("src/main/java"))) {
      for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
        sources.add(Files.readString(file));
      }
    }
    Pattern constant = Pattern.compile("(\\w+_ENV)\\s*=\\s*\"(AI_SETU_\\w+)\"");
    for (String source : sources) {
      Matcher m = constant.matcher(source);
      while (m.find()) constants.put(m.group(1), m.group(2));
    }
    Pattern read = Pattern.compile(
        "(?:getenv|\\.get|\\.containsKey|\\.getOrDefault)\\(\\s*(?:\"(AI_SETU_\\w+)\"|(?:\\w+\\.)?(\\w+_ENV)\\b)");
    Set<String> names = new TreeSet<>();
    for (String source : sources) {
      Matcher m = read.matcher(source);
      while (m.find()) {
        String name = m.group(1) != null ? m.group(1) : constants.get(m.group(2));
        if (name != null) names.add(name);
      }
    }
    return names;
  }
}
