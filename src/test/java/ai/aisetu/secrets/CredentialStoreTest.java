package ai.aisetu.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {
  private static final Instant SAVED_AT = Instant.parse("2025-03-01T10:15:30Z");

  @TempDir Path temp;

  private Path file() {
    return temp.resolve("config/ai-setu/credentials.json");
  }

  @Test
  void savedPatIsReadBack() {
    CredentialStore store = CredentialStore.at(file());
    String pat = Tokens.pat();
    store.save(CredentialStore.PRODUCTION, pat, "ada@example.com", SAVED_AT);

    CredentialStore reopened = CredentialStore.at(file());
    assertThat(reopened.pat(CredentialStore.PRODUCTION)).contains(pat);
    assertThat(reopened.entry(CredentialStore.PRODUCTION).orElseThrow())
        .isEqualTo(new CredentialStore.Entry(pat, "ada@example.com", SAVED_AT));
  }

  @Test
  void missingFileHasNoPat() {
    assertThat(CredentialStore.at(file()).pat(CredentialStore.PRODUCTION)).isEmpty();
  }

  @Test
  void entriesAreIsolatedPerControlPlane() {
    CredentialStore store = CredentialStore.at(file());
    String production = Tokens.pat();
    String local = Tokens.pat();
    store.save(CredentialStore.PRODUCTION, production, "ada@example.com", SAVED_AT);
    store.save(CredentialStore.LOCAL, local, "ada@example.com", SAVED_AT);

    assertThat(store.pat(CredentialStore.PRODUCTION)).contains(production);
    assertThat(store.pat(CredentialStore.LOCAL)).contains(local);
    assertThat(store.pat("https://staging.aisetu.ai")).isEmpty();

    store.remove(CredentialStore.LOCAL);
    assertThat(store.pat(CredentialStore.LOCAL)).isEmpty();
    assertThat(store.pat(CredentialStore.PRODUCTION)).contains(production);
  }

  @Test
  void fileIsOwnerOnlyInOwnerOnlyDirectory() throws Exception {
    CredentialStore.at(file()).save(CredentialStore.LOCAL, Tokens.pat(), null, SAVED_AT);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void saveTightensLooseExistingFile() throws Exception {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), "{}");
    Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
    CredentialStore.at(file()).save(CredentialStore.LOCAL, Tokens.pat(), null, SAVED_AT);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
  }

  @Test
  void saveReplacesFileAtomicallyAndLeavesNoTemporaryFile() throws Exception {
    CredentialStore store = CredentialStore.at(file());
    store.save(CredentialStore.LOCAL, Tokens.pat(), null, SAVED_AT);
    Object inodeBefore = Files.readAttributes(file(), "unix:ino").get("ino");
    store.save(CredentialStore.PRODUCTION, Tokens.pat(), null, SAVED_AT);
    Object inodeAfter = Files.readAttributes(file(), "unix:ino").get("ino");

    assertThat(inodeAfter).isNotEqualTo(inodeBefore); // a new file moved in, not rewritten in place
    try (var listing = Files.list(file().getParent())) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("credentials.json", "credentials.json.lock");
    }
  }

  @Test
  void unknownFieldsAreKept() throws Exception {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), "{\"version\":1,\"futureField\":[1,2],\"controlPlanes\":{}}");
    CredentialStore.at(file()).save(CredentialStore.LOCAL, Tokens.pat(), null, SAVED_AT);
    assertThat(Files.readString(file())).contains("futureField");
  }

  @Test
  void corruptFileErrorNamesPathButNotContent() throws Exception {
    Files.createDirectories(file().getParent());
    String pat = Tokens.pat();
    Files.writeString(file(), "{\"controlPlanes\":{\"local\":{\"pat\":\"" + pat + "\" oops", UTF_8);

    assertThatThrownBy(() -> CredentialStore.at(file()).pat(CredentialStore.LOCAL))
        .isInstanceOf(CredentialFileException.class)
        .hasMessageContaining(file().toString())
        .hasMessageContaining("not valid JSON")
        .hasMessageNotContaining(pat)
        .hasMessageNotContaining("oops")
        .hasNoCause();
  }

  @Test
  void corruptFileIsNotOverwrittenBySave() throws Exception {
    Files.createDirectories(file().getParent());
    Files.writeString(file(), "not json");
    assertThatThrownBy(() -> CredentialStore.at(file()).save(CredentialStore.LOCAL, Tokens.pat(), null, SAVED_AT))
        .isInstanceOf(CredentialFileException.class);
    assertThat(Files.readString(file())).isEqualTo("not json");
  }

  @Test
  void concurrentSavesForDifferentPlanesAreAllKept() throws Exception {
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      String plane = "https://plane" + i + ".example.com";
      futures.add(pool.submit(() -> {
        start.await();
        CredentialStore.at(file()).save(plane, Tokens.pat(), null, SAVED_AT);
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) f.get(20, TimeUnit.SECONDS);
    pool.shutdown();
    for (int i = 0; i < writers; i++) {
      assertThat(CredentialStore.at(file()).pat("https://plane" + i + ".example.com")).isPresent();
    }
  }

  @Test
  void entryToStringShowsOnlyRedactedPat() {
    String pat = Tokens.pat();
    assertThat(new CredentialStore.Entry(pat, "a@b.c", SAVED_AT).toString())
        .doesNotContain(pat).contains(Redactor.redactedForm(pat));
  }

  @Test
  void controlPlaneKeyNormalisesUrls() {
    assertThat(CredentialStore.controlPlaneKey(null, false)).isEqualTo("production");
    assertThat(CredentialStore.controlPlaneKey("https://api.aisetu.ai", false)).isEqualTo("production");
    assertThat(CredentialStore.controlPlaneKey("HTTPS://API.aisetu.ai:443/", false)).isEqualTo("production");
    assertThat(CredentialStore.controlPlaneKey("https://user:pw@Staging.Example.com:8443/v1//?x=1#f", false))
        .isEqualTo("https://staging.example.com:8443/v1");
    assertThat(CredentialStore.controlPlaneKey("http://127.0.0.1:80", false)).isEqualTo("http://127.0.0.1");
    assertThat(CredentialStore.controlPlaneKey("http://127.0.0.1:54321", true)).isEqualTo("local");
  }

  @Test
  void controlPlaneKeyRejectsNonHttpUrlNamingTheField() {
    assertThatThrownBy(() -> CredentialStore.controlPlaneKey("ftp://example.com", false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> CredentialStore.controlPlaneKey("api.aisetu.ai", false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl");
  }

  @Test
  void defaultPathFollowsXdgConfigHome() {
    assertThat(CredentialStore.defaultPath(Map.of("XDG_CONFIG_HOME", "/x/config", "HOME", "/home/ada")))
        .isEqualTo(Path.of("/x/config/ai-setu/credentials.json"));
    assertThat(CredentialStore.defaultPath(Map.of("HOME", "/home/ada")))
        .isEqualTo(Path.of("/home/ada/.config/ai-setu/credentials.json"));
    assertThat(CredentialStore.defaultPath(Map.of("XDG_CONFIG_HOME", "relative", "HOME", "/home/ada")))
        .isEqualTo(Path.of("/home/ada/.config/ai-setu/credentials.json"));
  }
}
