package ai.aisetu.mcp.http;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.admin.model.LoginResult;
import org.junit.jupiter.api.Test;

/** A body is one JSON value: anything after it is a parse error, as on stdio. */
final class HttpBodyTest {
  @Test
  void aBodyWithTrailingTokensIsAParseError() throws Exception {
    try (HttpFixture fixture = new HttpFixture()) {
      LoginResult caller = fixture.signUp("body@example.com");
      try (McpHttpServer server = fixture.start(HttpFixture.config().build(), null, (s, in, j) -> {})) {
        McpHttpClient client = new McpHttpClient(server.port(), caller.secret()).initialize();

        RawHttp.Response response = client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/error/code").asInt()).isEqualTo(HttpErrors.PARSE_ERROR);
      }
    }
  }
}
