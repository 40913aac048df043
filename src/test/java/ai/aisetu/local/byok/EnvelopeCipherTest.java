package ai.aisetu.local.byok;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeCipherTest {
  private static final String SECRET = "sk-proj-Zx9ExampleSecretValue0123456789";
  private static final byte[] KEK = filled(32, (byte) 7);

  private final EnvelopeCipher cipher = new EnvelopeCipher(KEK);

  @TempDir Path dir;

  @Test void sealThenOpenRoundTrips() {
    byte[] sealed = cipher.seal(SECRET.getBytes(UTF_8), "tenant-1", "cred-1");

    assertThat(new String(cipher.open(sealed, "tenant-1", "cred-1"), UTF_8)).isEqualTo(SECRET);
  }

  @Test void emptySecretRoundTrips() {
    byte[] sealed = cipher.seal(new byte[0], "tenant-1", "cred-1");

    assertThat(sealed).hasSize(EnvelopeCipher.OVERHEAD);
    assertThat(cipher.open(sealed, "tenant-1", "cred-1")).isEmpty();
  }

  @Test void sealedBlobHasTheDocumentedLayout() {
    byte[] plaintext = SECRET.getBytes(UTF_8);

    byte[] sealed = cipher.seal(plaintext, "tenant-1", "cred-1");

    assertThat(sealed[0]).isEqualTo(EnvelopeCipher.VERSION);
    assertThat(sealed).hasSize(1 + 12 + 48 + 12 + plaintext.length + 16);
  }

  @Test void sealedBlobDoesNotContainThePlaintext() {
    byte[] sealed = cipher.seal(SECRET.getBytes(UTF_8), "tenant-1", "cred-1");

    assertThat(new String(sealed, UTF_8)).doesNotContain(SECRET).doesNotContain("sk-proj");
    assertThat(indexOf(sealed, SECRET.getBytes(UTF_8))).isEqualTo(-1);
  }

  @Test void twoSealsOfTheSameSecretDiffer() {
    byte[] first = cipher.seal(SECRET.getBytes(UTF_8), "tenant-1", "cred-1");
    byte[] second = cipher.seal(SECRET.getBytes(UTF_8), "tenant-1", "cred-1");

    assertThat(first).isNotEqualTo(second);
  }

  @Test void openingForAnotherTenantFails() {
    byte[] sealed = cipher.seal(SECRET.getBytes(UTF_8), "tenant-1", "cred-1");

    assertThatThrownBy(() -> cipher.open(sealed, "tenant-2", "cred-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another tenant or credential")
        .hasMessageNotContaining(SECRET)
        .hasNoCause();
  }

  @Test void openingForAnotherCredentialFails() {
    byte[] sealed = cipher.seal(SECRET.getBytes(UTF_8), "tenant-1", "cred-1");

    assertThatThrownBy(() -> cipher.open(sealed, "tenant-1", "cred-2"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test void idsCannotBeShiftedAcrossTheSeparator() {
    byte[] sealed = cipher.seal(SECRET.getBytes(UTF_8), "tenant-1", "2cred");

    assertThatThrownBy(() -> cipher.open(sealed, "tenant-12", "cred"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test void openingUnderAnotherKekFails() {
    byte[] sealed = cipher.seal(SECRET.getBytes(UTF_8), "tenant-1", "cred-1");
    EnvelopeCipher other = new EnvelopeCipher(filled(32, (byte) 8));

    assertThatThrownBy(() -> other.open(sealed, "tenant-1", "cred-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("key-encryption key");
  }

  @Test void everyTamperedByteIsDetected() {
    byte[] sealed = cipher.seal(SECRET.getBytes(UTF_8), "tenant-1", "cred-1");
    for (int i = 0; i < sealed.length; i++) {
      byte[] tampered = sealed.clone();
      tampered[i] ^= 0x01;
      assertThatThrownBy(() -> cipher.open(tampered, "tenant-1", "cred-1"))
          .as("flipped bit in byte %d", i)
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test void truncatedBlobIsMalformed() {
    assertThatThrownBy(() -> cipher.open(new byte[10], "tenant-1", "cred-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("malformed");
  }

  @Test void kekMustBe32Bytes() {
    assertThatThrownBy(() -> new EnvelopeCipher(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test void keyFileIsCreatedOwnerOnlyAndReused() throws Exception {
    Path keyFile = dir.resolve("nested/state/kek");

    EnvelopeCipher first = EnvelopeCipher.fromEnvironment(Map.of(), keyFile);
    byte[] sealed = first.seal(SECRET.getBytes(UTF_8), "tenant-1", "cred-1");

    assertThat(keyFile).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
    assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);
    try (Stream<Path> files = Files.list(keyFile.getParent())) {
      assertThat(files).containsExactly(keyFile); // no temporary file left behind
    }

    EnvelopeCipher second = EnvelopeCipher.fromEnvironment(Map.of(), keyFile);
    assertThat(new String(second.open(sealed, "tenant-1", "cred-1"), UTF_8)).isEqualTo(SECRET);
  }

  @Test void concurrentFirstStartsAgreeOnOneKey() throws Exception {
    Path keyFile = dir.resolve("kek");
    int starters = 4;
    ExecutorService executor = Executors.newFixedThreadPool(starters);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<EnvelopeCipher>> ciphers = new ArrayList<>();
      for (int i = 0; i < starters; i++) {
        ciphers.add(executor.submit(() -> {
          go.await();
          return EnvelopeCipher.fromEnvironment(Map.of(), keyFile);
        }));
      }
      go.countDown();

      byte[] sealed = ciphers.get(0).get(10, TimeUnit.SECONDS).seal(SECRET.getBytes(UTF_8), "t", "c");
      for (Future<EnvelopeCipher> cipher : ciphers) {
        assertThat(cipher.get(10, TimeUnit.SECONDS).open(sealed, "t", "c")).isEqualTo(SECRET.getBytes(UTF_8));
      }
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files).containsExactly(keyFile);
      }
    } finally {
      executor.shutdownNow();
    }
  }

  @Test void environmentKekTakesPrecedenceOverTheKeyFile() throws Exception {
    Path keyFile = dir.resolve("kek");
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(filled(32, (byte) 1)));
    Map<String, String> env =
        Map.of(EnvelopeCipher.KEK_ENV, Base64.getEncoder().encodeToString(KEK));

    EnvelopeCipher fromEnv = EnvelopeCipher.fromEnvironment(env, keyFile);

    byte[] sealed = cipher.seal(SECRET.getBytes(UTF_8), "tenant-1", "cred-1");
    assertThat(new String(fromEnv.open(sealed, "tenant-1", "cred-1"), UTF_8)).isEqualTo(SECRET);
  }

  @Test void environmentKekDoesNotCreateAKeyFile() {
    Path keyFile = dir.resolve("kek");
    Map<String, String> env =
        Map.of(EnvelopeCipher.KEK_ENV, Base64.getEncoder().encodeToString(KEK));

    EnvelopeCipher.fromEnvironment(env, keyFile);

    assertThat(keyFile).doesNotExist();
  }

  @Test void badEnvironmentValueNamesTheVariable() {
    Path keyFile = dir.resolve("kek");
    String notBase64 = "this is not base64!";
    String tooShort = Base64.getEncoder().encodeToString(new byte[16]);

    assertThatThrownBy(
            () -> EnvelopeCipher.fromEnvironment(Map.of("AI_SETU_LOCAL_KEK", notBase64), keyFile))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AI_SETU_LOCAL_KEK")
        .hasMessageNotContaining(notBase64);
    assertThatThrownBy(
            () -> EnvelopeCipher.fromEnvironment(Map.of("AI_SETU_LOCAL_KEK", tooShort), keyFile))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AI_SETU_LOCAL_KEK")
        .hasMessageContaining("16 bytes")
        .hasMessageNotContaining(tooShort);
  }

  @Test void corruptKeyFileNamesTheFile() throws Exception {
    Path keyFile = dir.resolve("kek");
    Files.writeString(keyFile, "garbage");

    assertThatThrownBy(() -> EnvelopeCipher.fromEnvironment(Map.of(), keyFile))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(keyFile.toString());
  }

  private static byte[] filled(int length, byte value) {
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, value);
    return bytes;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) continue outer;
      }
      return i;
    }
    return -1;
  }
}
