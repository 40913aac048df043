package ai.aisetu.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.admin.model.CreatedApiKey;
import ai.aisetu.admin.model.CreatedPersonalAccessToken;
import ai.aisetu.admin.model.Provider;
import ai.aisetu.admin.model.RotatedApiKey;
import ai.aisetu.admin.model.UpsertProviderCredentialInput;
import ai.aisetu.admin.model.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite file: it survives restarts, and holds no secret in clear. */
class PersistenceTest {
  private static final String OPENAI_KEY = "sk-proj-PlainTextCanary0000000000000000";
  private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYCANARYKEY";

  @TempDir Path state;

  private LocalControlPlane open() {
    return LocalControlPlane.builder().stateDir(state).environment(Map.of()).build().start();
  }

  private Path db() {
    return state.resolve("control-plane.db");
  }

  /** The database file with its -wal, -shm and -journal companions, concatenated. */
  private byte[] rawBytes() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
      Path file = Path.of(db() + suffix);
      if (Files.exists(file)) all.write(Files.readAllBytes(file));
    }
    return all.toByteArray();
  }

  private static boolean contains(byte[] haystack, String needle) {
    return new String(haystack, java.nio.charset.StandardCharsets.ISO_8859_1)
        .contains(new String(needle.getBytes(UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  @Test
  void restartOnTheSameFileKeepsEverything() {
    String email = Fixture.email("durable");
    String pat;
    Workspace staging;
    String credentialId;
    try (LocalControlPlane plane = open()) {
      Fixture.Account account = Fixture.signUp(plane, email);
      pat = account.pat();
      staging = account.admin().workspaces().create("staging");
      account.admin().apiKeys().create(staging.id(), "ci");
      credentialId = account.admin().providerCredentials().upsert(UpsertProviderCredentialInput
          .builder(Provider.OPENAI).slug("kept").apiKey(OPENAI_KEY).build()).id();
      plane.seedUsage(account.tenantId(), 250, java.time.Instant.now());
    }
    try (LocalControlPlane plane = open()) {
      var admin = Fixture.anonymous(plane).withPat(pat);
      assertThat(admin.viewer().user().email()).isEqualTo(email);
      assertThat(admin.workspaces().list()).extracting(Workspace::name).containsExactly("default", "staging");
      assertThat(admin.apiKeys().list(staging.id())).extracting(k -> k.name()).containsExactly("ci");
      assertThat(admin.providerCredentials().list()).extracting(c -> c.id()).containsExactly(credentialId);
      assertThat(admin.billing().creditBalance(admin.viewer().tenant().id()).balanceCents()).isEqualTo(-250);
      assertThat(plane.snapshot().get("schema_version")).hasSize(Database.MIGRATIONS.size());
    }
  }

  @Test
  void databaseFileHoldsNoTokenOrSecretInClear() throws IOException {
    List<String> secrets = new ArrayList<>();
    try (LocalControlPlane plane = open()) {
      Fixture.Account account = Fixture.signUp(plane, Fixture.email("secretive"));
      secrets.add(account.pat());
      String ws = Fixture.defaultWorkspace(account);
      CreatedPersonalAccessToken pat = account.admin().pats().create("ci", List.of("admin:read"), 30);
      secrets.add(pat.secret());
      CreatedApiKey key = account.admin().apiKeys().create(ws, "prod");
      secrets.add(key.secret());
      RotatedApiKey rotated = account.admin().apiKeys().rotate(key.apiKey().id(), 60);
      secrets.add(rotated.secret());
      account.admin().providerCredentials().upsert(UpsertProviderCredentialInput.builder(Provider.OPENAI)
          .slug("openai").apiKey(OPENAI_KEY).build());
      account.admin().providerCredentials().upsert(UpsertProviderCredentialInput.builder(Provider.BEDROCK)
          .slug("aws").awsAccessKeyId("AKIAIOSFODNN7EXAMPLE").awsSecretAccessKey(AWS_SECRET).awsRegion("us-east-1")
          .build());
      secrets.add(OPENAI_KEY);
      secrets.add(AWS_SECRET);
      assertNoneInClear(secrets);
    }
    assertNoneInClear(secrets);
  }

  private void assertNoneInClear(List<String> secrets) throws IOException {
    byte[] bytes = rawBytes();
    assertThat(contains(bytes, "AKIAIOSFODNN7EXAMPLE")).as("the scan sees what is stored (the access key id is not secret)")
        .isTrue();
    for (String secret : secrets) {
      String body = secret.substring(secret.length() - 24);
      assertThat(contains(bytes, body)).as("a secret ending …%s is stored in clear", secret.substring(secret.length() - 4))
          .isFalse();
    }
  }
}
