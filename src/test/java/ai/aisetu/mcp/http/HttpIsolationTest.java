package ai.aisetu.mcp.http;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.admin.model.LoginResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Fifty callers, each its own tenant's PAT, each in its own session, at once: every answer belongs
 * to its caller's tenant and every write lands.
 */
final class HttpIsolationTest {
  static final int CALLERS = 50;
  static final int WRITES = 2;

  @Test
  void concurrentSessionsOnlyEverSeeTheirOwnTenant() throws Exception {
    try (HttpFixture fixture = new HttpFixture()) {
      List<LoginResult> tenants = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) tenants.add(fixture.signUp("user" + i + "@isolation.test"));
      McpHttpServer server = fixture.start(HttpFixture.config().build(), null, (s, in, j) -> {});
      ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
          LoginResult tenant = tenants.get(i);
          int caller = i;
          results.add(pool.submit(() -> {
            McpHttpClient client = new McpHttpClient(server.port(), tenant.secret()).initialize();
            go.await(10, TimeUnit.SECONDS);
            String tenantId = tenant.tenant().id();
            Set<String> created = new HashSet<>();
            for (int k = 0; k < WRITES; k++) {
              JsonNode who = client.tool("whoami", Map.of());
              assertThat(who.at("/structuredContent/tenant/id").asText()).isEqualTo(tenantId);
              assertThat(who.at("/structuredContent/user/email").asText())
                  .isEqualTo("user" + caller + "@isolation.test");
              JsonNode made = client.tool("workspaces_create", Map.of("name", "c" + caller + "-w" + k));
              assertThat(made.path("isError").asBoolean()).as(made.toString()).isFalse();
              assertThat(made.at("/structuredContent/tenantId").asText()).isEqualTo(tenantId);
              created.add(made.at("/structuredContent/id").asText());
              JsonNode listed = client.tool("workspaces_list", Map.of());
              Set<String> names = new HashSet<>();
              for (JsonNode workspace : listed.at("/structuredContent/workspaces")) {
                assertThat(workspace.path("tenantId").asText()).isEqualTo(tenantId);
                names.add(workspace.path("name").asText());
              }
              for (int j = 0; j <= k; j++) assertThat(names).contains("c" + caller + "-w" + j);
              assertThat(names).allSatisfy(name ->
                  assertThat(name).matches("default|c" + caller + "-w\\d"));
            }
            assertThat(created).hasSize(WRITES);
            return null;
          }));
        }
        go.countDown();
        for (Future<?> result : results) result.get(60, TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
        server.close();
      }
      // Nothing lost: each tenant holds exactly its default workspace and its writes.
      for (LoginResult tenant : tenants) {
        assertThat(fixture.admin.withPat(tenant.secret()).workspaces().list()).hasSize(1 + WRITES);
      }
    }
  }
}
