package ai.aisetu.local.byok;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts provider secrets at rest with AES-256-GCM envelope encryption.
 *
 * <p>Each secret gets its own random 256-bit data key; the data key encrypts the secret and is
 * itself encrypted ("wrapped") by the platform key-encryption key (KEK). Both encryptions bind the
 * tenant and credential ids as associated data, so a sealed blob copied onto another tenant's or
 * another credential's row does not open.
 *
 * <pre>{@code
 * EnvelopeCipher cipher = EnvelopeCipher.fromEnvironment(System.getenv(), dataDir.resolve("kek"));
 * byte[] sealed = cipher.seal(apiKey.getBytes(UTF_8), tenantId, credentialId);  // store this
 * byte[] apiKey = cipher.open(sealed, tenantId, credentialId);                  // to use it
 * }</pre>
 *
 * <p>The sealed blob is self-describing:
 *
 * <pre>
 * version (1) | key IV (12) | wrapped data key + tag (48) | data IV (12) | ciphertext + tag (n + 16)
 * </pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EnvelopeCipher {
  /** Environment variable holding the KEK as base64 of 32 bytes; it wins over the key file. */
  public static final String KEK_ENV = "AI_SETU_LOCAL_KEK";

  static final byte VERSION = 1;
  static final int KEY_BYTES = 32;
  static final int IV_BYTES = 12;
  static final int TAG_BYTES = 16;
  static final int WRAPPED_KEY_BYTES = KEY_BYTES + TAG_BYTES;
  static final int OVERHEAD = 1 + IV_BYTES + WRAPPED_KEY_BYTES + IV_BYTES + TAG_BYTES;

  private static final Logger log = LoggerFactory.getLogger(EnvelopeCipher.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final SecretKeySpec kek;

  /** Creates a cipher whose key-encryption key is {@code kek}, which must be 32 bytes. */
  public EnvelopeCipher(byte[] kek) {
    requireNonNull(kek, "kek == null");
    if (kek.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "kek must be " + KEY_BYTES + " bytes (AES-256), was " + kek.length + " bytes");
    }
    this.kek = new SecretKeySpec(kek.clone(), "AES");
  }

  /**
   * Returns a cipher with the platform KEK, taken from the first of:
   *
   * <ol>
   *   <li>the environment variable {@value #KEK_ENV} (base64 of 32 bytes, for example from {@code
   *       openssl rand -base64 32});
   *   <li>the file {@code keyFile}, holding the same base64 text;
   *   <li>a new random key, written to {@code keyFile} (parent directories created) readable by
   *       the owner only; the file is never visible with broader permissions, not even briefly.
   * </ol>
   *
   * <p>Losing the KEK makes every sealed secret unreadable: back the key file up with the data.
   *
   * @throws IllegalArgumentException if the variable or the file holds something other than base64
   *     of 32 bytes; the message names the variable or file and never echoes its value.
   * @throws UncheckedIOException if the key file cannot be read or created.
   */
  public static EnvelopeCipher fromEnvironment(Map<String, String> env, Path keyFile) {
    requireNonNull(env, "env == null");
    requireNonNull(keyFile, "keyFile == null");
    String fromEnv = env.get(KEK_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new EnvelopeCipher(decodeKek(fromEnv, "environment variable " + KEK_ENV));
    }
    try {
      if (Files.exists(keyFile)) {
        return new EnvelopeCipher(readKeyFile(keyFile));
      }
      return new EnvelopeCipher(createKeyFile(keyFile));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read or create the key file " + keyFile, e);
    }
  }

  /**
   * Encrypts {@code plaintext} under a fresh data key, binding {@code tenantId} and {@code
   * credentialId}. Sealing the same plaintext twice gives different blobs.
   */
  public byte[] seal(byte[] plaintext, String tenantId, String credentialId) {
    requireNonNull(plaintext, "plaintext == null");
    byte[] aad = aad(tenantId, credentialId);
    byte[] dataKey = random(KEY_BYTES);
    byte[] keyIv = random(IV_BYTES);
    byte[] dataIv = random(IV_BYTES);
    try {
      byte[] wrappedKey = gcm(Cipher.ENCRYPT_MODE, kek, keyIv, aad, dataKey);
      byte[] ciphertext =
          gcm(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), dataIv, aad, plaintext);
      return ByteBuffer.allocate(1 + IV_BYTES + WRAPPED_KEY_BYTES + IV_BYTES + ciphertext.length)
          .put(VERSION)
          .put(keyIv)
          .put(wrappedKey)
          .put(dataIv)
          .put(ciphertext)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not seal the secret: " + e.getClass().getSimpleName(), e);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /**
   * Decrypts a blob made by {@link #seal} for the same tenant and credential.
   *
   * @throws IllegalStateException if the blob is malformed, was sealed for another tenant or
   *     credential or under another KEK, or was altered. The message never includes the secret.
   */
  public byte[] open(byte[] sealed, String tenantId, String credentialId) {
    requireNonNull(sealed, "sealed == null");
    byte[] aad = aad(tenantId, credentialId);
    if (sealed.length < OVERHEAD) {
      throw new IllegalStateException(
          "sealed secret is malformed: " + sealed.length + " bytes is shorter than the "
              + OVERHEAD + "-byte envelope");
    }
    ByteBuffer in = ByteBuffer.wrap(sealed);
    byte version = in.get();
    if (version != VERSION) {
      throw new IllegalStateException(
          "sealed secret has unsupported envelope version " + version + " (expected " + VERSION + ")");
    }
    byte[] keyIv = take(in, IV_BYTES);
    byte[] wrappedKey = take(in, WRAPPED_KEY_BYTES);
    byte[] dataIv = take(in, IV_BYTES);
    byte[] ciphertext = take(in, in.remaining());
    byte[] dataKey = null;
    try {
      dataKey = gcm(Cipher.DECRYPT_MODE, kek, keyIv, aad, wrappedKey);
      return gcm(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), dataIv, aad, ciphertext);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(
          "could not open the sealed secret: it belongs to another tenant or credential, was sealed"
              + " under another key-encryption key, or has been altered");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not open the sealed secret: " + e.getClass().getSimpleName(), e);
    } finally {
      if (dataKey != null) Arrays.fill(dataKey, (byte) 0);
    }
  }

  private static byte[] gcm(int mode, SecretKeySpec key, byte[] iv, byte[] aad, byte[] input)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, iv));
    cipher.updateAAD(aad);
    return cipher.doFinal(input);
  }

  private static byte[] aad(String tenantId, String credentialId) {
    requireNonNull(tenantId, "tenantId == null");
    requireNonNull(credentialId, "credentialId == null");
    return (tenantId + "\u0000" + credentialId).getBytes(UTF_8);
  }

  private static byte[] take(ByteBuffer in, int length) {
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }

  private static byte[] random(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static byte[] decodeKek(String base64, String source) {
    byte[] kek;
    try {
      kek = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          source + " is not valid base64; set it to the base64 of 32 random bytes,"
              + " for example the output of `openssl rand -base64 32`");
    }
    if (kek.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          source + " decodes to " + kek.length + " bytes but must decode to " + KEY_BYTES
              + "; set it to the base64 of 32 random bytes, for example the output of"
              + " `openssl rand -base64 32`");
    }
    return kek;
  }

  private static byte[] readKeyFile(Path keyFile) throws IOException {
    if (isPosix(keyFile)) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
      if (!OWNER_ONLY.containsAll(permissions)) {
        log.warn("key file {} is readable by others ({}); run: chmod 600 {}",
            keyFile, PosixFilePermissions.toString(permissions), keyFile);
      }
    }
    return decodeKek(Files.readString(keyFile, US_ASCII), "key file " + keyFile);
  }

  /**
   * Writes a new KEK to a temporary file that is created owner-only, then links it into place so
   * that a concurrent creator's key is never overwritten: the loser reads the winner's key.
   */
  private static byte[] createKeyFile(Path keyFile) throws IOException {
    Path dir = keyFile.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    FileAttribute<?>[] ownerOnly =
        isPosix(dir)
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
    byte[] kek = random(KEY_BYTES);
    Path temp = Files.createTempFile(dir, ".kek-", ".tmp", ownerOnly);
    try {
      Files.writeString(temp, Base64.getEncoder().encodeToString(kek) + "\n", US_ASCII);
      try {
        Files.createLink(keyFile, temp);
      } catch (FileAlreadyExistsException raced) {
        return readKeyFile(keyFile);
      } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
        Files.move(temp, keyFile, StandardCopyOption.ATOMIC_MOVE);
      }
      log.info("created a new key-encryption key at {}; back it up with the database", keyFile);
      return kek;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
