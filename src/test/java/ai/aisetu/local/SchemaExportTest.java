package ai.aisetu.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaExportTest {
  private static final Path SNAPSHOT = Path.of("schema/schema-public.gql");
  private static LocalControlPlane plane;

  @BeforeAll
  static void start() {
    plane = LocalControlPlane.builder().inMemory().build().start();
  }

  @AfterAll
  static void stop() {
    plane.close();
  }

  @Test
  void exportOfTheLocalPlaneReproducesTheCommittedSnapshotByteForByte() throws Exception {
    assertThat(SchemaExport.export(plane.graphqlUri(), null)).isEqualTo(Files.readString(SNAPSHOT));
  }

  @Test
  void committedSnapshotIsThePrintersCanonicalForm() throws Exception {
    String committed = Files.readString(SNAPSHOT);
    assertThat(SchemaExport.canonical(committed)).isEqualTo(committed);
  }

  @Test
  void exportKeepsTheSchemaDescriptionAndTheUnreferencedErrorCodeEnum() throws Exception {
    String exported = SchemaExport.export(plane.graphqlUri(), null);
    assertThat(exported).startsWith("\"\"\"\nThe AI Setu control plane:");
    assertThat(exported).contains("enum ErrorCode {", "RATE_LIMITED", "role: Role = MEMBER", "currency: String = \"USD\"");
  }

  @Test
  void mainWritesTheSnapshotToTheOutFile(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("exported.gql");
    SchemaExport.main(new String[] {"--url", plane.graphqlUri().toString(), "--out", out.toString()});
    assertThat(Files.readString(out)).isEqualTo(Files.readString(SNAPSHOT));
  }

  @Test
  void planeServesTheSchemaShippedOnTheClasspath() throws Exception {
    assertThat(ControlPlaneGraphQL.sdl()).isEqualTo(Files.readString(SNAPSHOT));
  }
}
