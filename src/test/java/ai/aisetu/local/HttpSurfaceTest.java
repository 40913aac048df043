package ai.aisetu.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP rules around the GraphQL endpoint. */
class HttpSurfaceTest {
  private static LocalControlPlane plane;
  private static RawGraphQL raw;

  @BeforeAll
  static void start() {
    plane = LocalControlPlane.builder().inMemory().build().start();
    raw = new RawGraphQL(plane.graphqlUri());
  }

  @AfterAll
  static void stop() {
    plane.close();
  }

  private static Response get(String path) throws IOException {
    return RawGraphQL.HTTP.newCall(new Request.Builder().url(plane.baseUri() + path).build()).execute();
  }

  @Test
  void bindsToLoopbackOnly() throws IOException {
    assertThat(plane.baseUri().getHost()).isEqualTo("127.0.0.1");
    int port = plane.baseUri().getPort();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress()) continue;
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(address, port), 200);
          throw new AssertionError("reachable on " + address);
        } catch (IOException expected) {
          // refused: good
        }
      }
    }
  }

  @Test
  void unauthenticatedBodyIsTheDocumentedShape() {
    RawGraphQL.Reply reply = raw.post(null, "{ viewer { patId } }");
    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.body().path("errors")).hasSize(1);
    assertThat(reply.body().path("errors").get(0).fieldNames()).toIterable().containsExactlyInAnyOrder("message", "extensions");
    assertThat(reply.body().has("data")).isFalse();
  }

  @Test
  void malformedJsonIs400WithoutAStackTrace() {
    RawGraphQL.Reply reply = raw.raw(null, "{ not json");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.code()).isEqualTo("BAD_USER_INPUT");
    assertThat(reply.body().toString()).doesNotContain("at ai.aisetu", "Exception");
  }

  @Test
  void syntaxErrorIsBadUserInputWithoutAStackTrace() {
    String pat = Fixture.signUp(plane, Fixture.email("syntax")).pat();
    RawGraphQL.Reply reply = raw.post(pat, "{ workspaces { id ");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.code()).isEqualTo("BAD_USER_INPUT");
    assertThat(reply.body().toString()).doesNotContain("at graphql.", "at ai.aisetu");
  }

  @Test
  void unknownFieldIsBadUserInput() {
    String pat = Fixture.signUp(plane, Fixture.email("unknown")).pat();
    RawGraphQL.Reply reply = raw.post(pat, "{ secrets { value } }");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.code()).isEqualTo("BAD_USER_INPUT");
  }

  @Test
  void validationErrorsDoNotEchoLiteralValues() {
    String pat = Fixture.signUp(plane, Fixture.email("literal")).pat();
    RawGraphQL.Reply reply = raw.post(pat,
        "mutation { createTopUpIntent(tenantId: \"t\", amountCents: \"sk-secret-literal-0000\") { id } }");
    assertThat(reply.code()).isEqualTo("BAD_USER_INPUT");
    assertThat(reply.body().toString()).doesNotContain("sk-secret-literal");
  }

  @Test
  void getOnGraphqlIsMethodNotAllowed() throws IOException {
    try (Response response = get("/graphql")) {
      assertThat(response.code()).isEqualTo(405);
    }
  }

  @Test
  void unknownPathIs404() throws IOException {
    try (Response response = get("/admin")) {
      assertThat(response.code()).isEqualTo(404);
    }
    try (Response response = get("/checkout/topup_nope")) {
      assertThat(response.code()).isEqualTo(404);
    }
  }

  @Test
  void introspectionWorksWithoutAToken() {
    RawGraphQL.Reply reply = raw.post(null, "{ __type(name: \"ErrorCode\") { enumValues { name } } }");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.data().path("__type").path("enumValues")).hasSize(8);
  }

  @Test
  void dateTimesAreIsoUtcWithZ() {
    String pat = Fixture.signUp(plane, Fixture.email("dates")).pat();
    RawGraphQL.Reply reply = raw.post(pat, "{ workspaces { createdAt } }");
    assertThat(reply.data().path("workspaces").get(0).path("createdAt").asText())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
  }
}
