package ai.aisetu.mcp.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Builds the image from the project's Dockerfile (on the base named by {@code AI_SETU_BASE_IMAGE},
 * default the one {@code docker/local-base.sh} builds), runs it in HTTP mode on its embedded local
 * control plane, and drives a whole MCP session through the published port: health, listing,
 * onboarding by one-time code, a tool call as the new user. Skipped where no Docker engine answers
 * or the base image is absent.
 */
final class ContainerIT {
  static final String TOKEN = "container-test-token-0123456789abcdef";
  static final String EMAIL = "builder@container.test";

  @Test
  void theImageServesMcpOverHttpAsANonRootUser() throws Exception {
    assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "no Docker engine answers");
    DockerClient docker = DockerClientFactory.instance().client();
    String base = System.getenv().getOrDefault("AI_SETU_BASE_IMAGE", "ai-setu-mcp/jre-base:bookworm");
    assumeTrue(imageExists(docker, base), "no base image " + base + "; run docker/local-base.sh");
    Path project = Path.of("").toAbsolutePath();
    Path jar = project.resolve("target/original-ai-setu-mcp.jar");
    assumeTrue(Files.exists(jar), "run mvn package first");

    String image = new ImageFromDockerfile("ai-setu-mcp-it", false)
        .withFileFromPath("Dockerfile", project.resolve("Dockerfile"))
        .withFileFromPath("target/lib", project.resolve("target/lib"))
        .withFileFromPath("target/original-ai-setu-mcp.jar", jar)
        .withBuildArg("BASE_IMAGE", base)
        .get();

    InspectImageResponse built = docker.inspectImageCmd(image).exec();
    assertThat(built.getConfig().getLabels())
        .containsEntry("io.modelcontextprotocol.server.name", "ai.aisetu/ai-setu-mcp");
    assertThat(built.getConfig().getUser()).isEqualTo("10001:10001");
    List<String> healthcheck = built.getConfig().getHealthcheck().getTest();
    assertThat(healthcheck.get(0)).isEqualTo("CMD");

    try (GenericContainer<?> container = new GenericContainer<>(image)
        .withCommand("--transport", "http", "--host", "0.0.0.0", "--local", "--log-level", "info")
        .withEnv("AI_SETU_MCP_HTTP_TOKEN", TOKEN)
        .withExposedPorts(8080)
        .waitingFor(Wait.forHttp("/healthz").forStatusCode(200))
        .withStartupTimeout(Duration.ofSeconds(90))) {
      container.start();
      int port = container.getMappedPort(8080);

      RawHttp.Response health = new RawHttp(port).send("GET", "/healthz", Map.of(), (String) null);
      assertThat(health.status()).isEqualTo(200);
      assertThat(new RawHttp(port).send("GET", "/readyz", Map.of(), (String) null).status()).isEqualTo(200);
      Container.ExecResult probe = container.execInContainer(
          healthcheck.subList(1, healthcheck.size()).toArray(String[]::new));
      assertThat(probe.getExitCode()).as(probe.getStderr()).isZero();
      assertThat(container.execInContainer("id", "-u").getStdout().strip()).isEqualTo("10001");

      assertThat(new McpHttpClient(port, "wrong-token-wrong-token-wrong-token").initializeRaw().status())
          .isEqualTo(401);
      McpHttpClient client = new McpHttpClient(port, TOKEN).initialize();
      List<String> tools = new ArrayList<>();
      for (JsonNode tool : client.call("tools/list", null).at("/result/tools")) tools.add(tool.path("name").asText());
      assertThat(tools).contains("onboarding_start", "onboarding_verify", "whoami", "workspaces_list");

      JsonNode started = client.tool("onboarding_start", Map.of("email", EMAIL));
      assertThat(started.path("isError").asBoolean()).as(started.toString()).isFalse();
      String folder = started.at("/structuredContent/localOutbox/folder").asText();
      String outbox = container.execInContainer("bash", "-c", "cat '" + folder + "'/*").getStdout();
      Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(outbox);
      assertThat(code.find()).as(outbox).isTrue();

      JsonNode verified = client.tool("onboarding_verify", Map.of("email", EMAIL, "code", code.group(1)));
      assertThat(verified.path("isError").asBoolean()).as(verified.toString()).isFalse();
      JsonNode whoami = client.tool("whoami", Map.of());
      assertThat(whoami.path("isError").asBoolean()).as(whoami.toString()).isFalse();
      assertThat(whoami.toString()).contains(EMAIL);
    }
  }

  private static boolean imageExists(DockerClient docker, String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
