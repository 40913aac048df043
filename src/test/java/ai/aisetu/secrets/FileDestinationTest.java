package ai.aisetu.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDestinationTest {
  @TempDir Path temp;
  Path root;
  Path outside;
  final String key = Tokens.apiKey();

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(temp.resolve("workspace"));
    outside = Files.createDirectories(temp.resolve("outside"));
  }

  private static String mode(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  @Test
  void relativePathCreatesOwnerOnlyFileInFirstRoot() throws Exception {
    FileDestination env = FileDestination.resolve(".env", List.of(root, outside));
    String description = env.append("AI_SETU_API_KEY", key);

    assertThat(env.path()).isEqualTo(root.toRealPath().resolve(".env"));
    assertThat(Files.readString(env.path())).isEqualTo("AI_SETU_API_KEY=" + key + "\n");
    assertThat(mode(env.path())).isEqualTo("rw-------");
    assertThat(description).contains("AI_SETU_API_KEY").contains(".env").doesNotContain(key);
  }

  @Test
  void absolutePathInsideSecondRootIsAccepted() throws Exception {
    Path other = Files.createDirectories(temp.resolve("second"));
    Files.createDirectories(other.resolve("app"));
    FileDestination env = FileDestination.resolve(other.resolve("app/.env").toString(), List.of(root, other));
    env.append("KEY", key);
    assertThat(Files.readString(other.resolve("app/.env"))).isEqualTo("KEY=" + key + "\n");
  }

  @Test
  void absolutePathOutsideRootsIsRefused() {
    assertThatThrownBy(() -> FileDestination.resolve(outside.resolve(".env").toString(), List.of(root)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("destination.path ")
        .hasMessageContaining("outside the workspace roots");
  }

  @Test
  void dotDotIsRefusedEvenWhenItStaysInside() throws Exception {
    Files.createDirectories(root.resolve("sub"));
    for (String path : List.of("../outside/.env", "sub/../.env", root + "/sub/../../outside/.env")) {
      assertThatThrownBy(() -> FileDestination.resolve(path, List.of(root)))
          .hasMessageStartingWith("destination.path ").hasMessageContaining("'..'");
    }
  }

  @Test
  void symlinkedDirectoryIsRefused() throws Exception {
    Files.createSymbolicLink(root.resolve("config"), outside);
    assertThatThrownBy(() -> FileDestination.resolve("config/.env", List.of(root)))
        .hasMessageStartingWith("destination.path ").hasMessageContaining("symbolic link");
    assertThat(outside.resolve(".env")).doesNotExist();
  }

  @Test
  void symlinkedFileIsRefused() throws Exception {
    Path target = Files.writeString(outside.resolve("victim"), "keep\n");
    Files.createSymbolicLink(root.resolve(".env"), target);
    assertThatThrownBy(() -> FileDestination.resolve(".env", List.of(root)))
        .hasMessageStartingWith("destination.path ").hasMessageContaining("symbolic link");
    assertThat(Files.readString(target)).isEqualTo("keep\n");
  }

  @Test
  void symlinkSwappedInAfterResolveIsRefusedAtAppend() throws Exception {
    FileDestination env = FileDestination.resolve(".env", List.of(root));
    Path target = Files.writeString(outside.resolve("victim"), "keep\n");
    Files.createSymbolicLink(root.resolve(".env"), target);
    assertThatThrownBy(() -> env.append("KEY", key)).hasMessageContaining("symbolic link");
    assertThat(Files.readString(target)).isEqualTo("keep\n");
  }

  @Test
  void hardLinkedFileIsRefused() throws Exception {
    Path target = Files.writeString(outside.resolve("victim"), "keep\n");
    Files.createLink(root.resolve(".env"), target);
    assertThatThrownBy(() -> FileDestination.resolve(".env", List.of(root)))
        .hasMessageContaining("hard links");
  }

  @Test
  void directoryIsNotARegularFile() throws Exception {
    Files.createDirectories(root.resolve(".env"));
    assertThatThrownBy(() -> FileDestination.resolve(".env", List.of(root)))
        .hasMessageStartingWith("destination.path ").hasMessageContaining("not a regular file");
  }

  @Test
  void missingParentDirectoryIsRefused() {
    assertThatThrownBy(() -> FileDestination.resolve("nope/.env", List.of(root)))
        .hasMessageStartingWith("destination.path ").hasMessageContaining("does not exist");
  }

  @Test
  void blankPathAndNoRootsAreRefused() {
    assertThatThrownBy(() -> FileDestination.resolve(" ", List.of(root)))
        .hasMessageStartingWith("destination.path ").hasMessageContaining("required");
    assertThatThrownBy(() -> FileDestination.resolve(".env", List.of(temp.resolve("missing"))))
        .hasMessageStartingWith("destination.path ").hasMessageContaining("no workspace root");
    assertThatThrownBy(() -> FileDestination.resolve(".", List.of(root)))
        .hasMessageContaining("root itself");
  }

  @Test
  void rootGivenThroughSymlinkIsTrusted() throws Exception {
    Path link = Files.createSymbolicLink(temp.resolve("link-to-workspace"), root);
    FileDestination env = FileDestination.resolve(link.resolve(".env").toString(), List.of(link));
    env.append("KEY", key);
    assertThat(root.resolve(".env")).exists();
  }

  @Test
  void existingFileKeepsContentGainsNewlineAndBecomesOwnerOnly() throws Exception {
    Path file = Files.writeString(root.resolve(".env"), "# settings\nDEBUG=1");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    String description = FileDestination.resolve(".env", List.of(root)).append("AI_SETU_API_KEY", key);

    assertThat(Files.readString(file)).isEqualTo("# settings\nDEBUG=1\nAI_SETU_API_KEY=" + key + "\n");
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(description).contains("appended");
  }

  @Test
  void existingAssignmentIsReplacedNotDuplicated() throws Exception {
    Path file = Files.writeString(root.resolve(".env"),
        "A=1\nexport AI_SETU_API_KEY=old\r\nB=2\nAI_SETU_API_KEY_OTHER=x\n");

    String description = FileDestination.resolve(".env", List.of(root)).append("AI_SETU_API_KEY", key);

    assertThat(Files.readString(file))
        .isEqualTo("A=1\nexport AI_SETU_API_KEY=" + key + "\r\nB=2\nAI_SETU_API_KEY_OTHER=x\n");
    assertThat(description).contains("replaced");
  }

  @Test
  void invalidVariableNameIsRefused() {
    FileDestination env = FileDestination.resolve(".env", List.of(root));
    for (String name : List.of("lower", "1ABC", "A-B", "A=B", "")) {
      assertThatThrownBy(() -> env.append(name, key)).hasMessageContaining("destination.variable");
    }
    assertThat(root.resolve(".env")).doesNotExist();
  }

  @Test
  void secretWithLineBreakIsRefusedWithoutEchoingIt() {
    String secret = "line-one-secret\nINJECTED=1";
    assertThatThrownBy(() -> FileDestination.resolve(".env", List.of(root)).append("KEY", secret))
        .hasMessageContaining("line break").hasMessageNotContaining("line-one-secret");
  }

  @Test
  void kindParsesWireNames() {
    assertThat(SecretDestination.Kind.parse(null, "destination.type")).isEqualTo(SecretDestination.Kind.CONVERSATION);
    assertThat(SecretDestination.Kind.parse("reveal_page", "destination.type")).isEqualTo(SecretDestination.Kind.REVEAL_PAGE);
    assertThat(SecretDestination.Kind.parse("FILE", "destination.type")).isEqualTo(SecretDestination.Kind.FILE);
    assertThatThrownBy(() -> SecretDestination.Kind.parse("email", "destination.type"))
        .hasMessageContaining("destination.type").hasMessageContaining("reveal_page");
    assertThat(SecretDestination.conversation().kind()).isEqualTo(SecretDestination.Kind.CONVERSATION);
    assertThat(FileDestination.resolve(".env", List.of(root)).kind()).isEqualTo(SecretDestination.Kind.FILE);
  }
}
