package ai.aisetu.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ToolResultTest {
  record Item(String id, Instant createdAt) {}

  @Test
  void okSerialisesRecordsWithIsoInstants() {
    ToolResult result = ToolResult.ok(new Item("w1", Instant.parse("2026-01-02T03:04:05Z")), "One.");
    assertThat(result.structuredContent().toString())
        .isEqualTo("{\"id\":\"w1\",\"createdAt\":\"2026-01-02T03:04:05Z\"}");
    assertThat(result.isError()).isFalse();
    assertThat(result.text()).isEqualTo("One.");
  }

  @Test
  void okRefusesAListAtTopLevel() {
    assertThatThrownBy(() -> ToolResult.ok(List.of(new Item("w1", null)), "x"))
        .hasMessageContaining("JSON object");
    assertThat(ToolResult.ok(Map.of("items", List.of()), "none").structuredContent().has("items"))
        .isTrue();
  }

  @Test
  void userOnlyTextNeverInToString() {
    ToolResult result = ToolResult.ok(Map.of(), "Minted.").withUserOnlyText("tt_pat_secret");
    assertThat(result.toString()).doesNotContain("tt_pat_secret");
  }
}
