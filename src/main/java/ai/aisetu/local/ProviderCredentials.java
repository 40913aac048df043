package ai.aisetu.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import ai.aisetu.local.byok.EnvelopeCipher;
import ai.aisetu.local.byok.ProbeResult;
import ai.aisetu.local.byok.ProviderProbe;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * BYOK connections: a slug backed by a secret sealed with {@link EnvelopeCipher} (tenant and
 * credential id bound as associated data). Only the last four characters ever come back.
 */
final class ProviderCredentials {
  record ProviderAvailability(String provider, boolean byokSupported, List<String> requiredFields) {}

  record ProviderCredential(String id, String provider, String slug, String keyHint, String awsAccessKeyId,
      String awsRegion, Instant createdAt, Instant updatedAt, Instant lastTestedAt, Instant revokedAt) {}

  record ProviderCredentialTest(String id, boolean ok, String message, long latencyMs, Instant testedAt) {}

  static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");
  private static final Pattern AWS_ACCESS_KEY_ID = Pattern.compile("^[A-Z0-9]{16,128}$");
  private static final Pattern AWS_REGION = Pattern.compile("^[a-z]{2}(-[a-z]+)+-\\d{1,2}$");
  private static final List<String> API_KEY_FIELDS = List.of("apiKey");
  private static final List<String> AWS_FIELDS = List.of("awsAccessKeyId", "awsSecretAccessKey", "awsRegion");
  static final List<ProviderAvailability> AVAILABILITY = List.of(
      new ProviderAvailability("OPENAI", true, API_KEY_FIELDS),
      new ProviderAvailability("ANTHROPIC", true, API_KEY_FIELDS),
      new ProviderAvailability("BEDROCK", true, AWS_FIELDS));
  private static final String CREDENTIAL = "SELECT id, provider, slug, key_hint, aws_access_key_id, aws_region, "
      + "created_at, updated_at, last_tested_at, revoked_at FROM provider_credentials ";

  private final Database db;
  private final Clock clock;
  private final EnvelopeCipher cipher;
  private final ProviderProbe probe;

  ProviderCredentials(Database db, Clock clock, EnvelopeCipher cipher, ProviderProbe probe) {
    this.db = db;
    this.clock = clock;
    this.cipher = cipher;
    this.probe = probe;
  }

  List<ProviderCredential> list(Caller caller) {
    return db.transaction(tx -> tx.list(CREDENTIAL + "WHERE tenant_id = ? ORDER BY created_at, rowid",
        ProviderCredentials::credential, caller.tenantId()));
  }

  ProviderCredential upsert(Caller caller, Map<String, Object> input) {
    String provider = (String) input.get("provider");
    String slug = slug((String) input.get("slug"), (String) input.get("label"));
    String secret = shape(provider, input);
    String accessKeyId = (String) input.get("awsAccessKeyId");
    String region = (String) input.get("awsRegion");
    return db.transaction(tx -> {
      Access.tenantAdmin(tx, caller, "managing provider credentials");
      long now = clock.millis();
      Optional<ProviderCredential> existing = tx.one(CREDENTIAL + "WHERE tenant_id = ? AND slug = ?",
          ProviderCredentials::credential, caller.tenantId(), slug);
      String id;
      if (existing.isPresent()) {
        ProviderCredential old = existing.get();
        if (old.revokedAt() == null && !old.provider().equals(provider)) {
          throw ApiException.conflict("slug", "slug '" + slug + "' is already a " + old.provider()
              + " connection; revoke it first or pick another slug");
        }
        id = old.id();
        tx.update("UPDATE provider_credentials SET provider = ?, key_hint = ?, aws_access_key_id = ?, aws_region = ?, "
                + "sealed_secret = ?, updated_at = ?, last_tested_at = NULL, revoked_at = NULL WHERE id = ?",
            provider, hint(secret), accessKeyId, region, seal(secret, caller.tenantId(), id), now, id);
      } else {
        id = Ids.next("cred");
        tx.update("INSERT INTO provider_credentials (id, tenant_id, provider, slug, key_hint, aws_access_key_id, "
                + "aws_region, sealed_secret, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            id, caller.tenantId(), provider, slug, hint(secret), accessKeyId, region,
            seal(secret, caller.tenantId(), id), now, now);
      }
      return find(tx, caller, id);
    });
  }

  ProviderCredentialTest test(Caller caller, String id) {
    record Stored(ProviderCredential credential, byte[] sealed) {}
    Stored stored = db.transaction(tx -> {
      ProviderCredential credential = find(tx, caller, id);
      Access.tenantAdmin(tx, caller, "testing provider credentials");
      if (credential.revokedAt() != null) {
        throw ApiException.conflict("connection " + id + " is revoked and has no secret; upsert a new one");
      }
      byte[] sealed = tx.one("SELECT sealed_secret FROM provider_credentials WHERE id = ?", r -> r.getBytes(1), id).orElseThrow();
      return new Stored(credential, sealed);
    });
    ProviderCredential credential = stored.credential();
    byte[] secret = cipher.open(stored.sealed(), caller.tenantId(), id);
    ProbeResult result;
    try {
      // Outside the transaction: the upstream call must not hold the store's lock.
      result = probe(credential, new String(secret, UTF_8));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    Instant testedAt = Instant.ofEpochMilli(clock.millis());
    db.transaction(tx -> tx.update("UPDATE provider_credentials SET last_tested_at = ? WHERE id = ?",
        testedAt.toEpochMilli(), id));
    return new ProviderCredentialTest(id, result.ok(), result.message(), result.latencyMs(), testedAt);
  }

  private ProbeResult probe(ProviderCredential credential, String secret) {
    if ("BEDROCK".equals(credential.provider())) {
      return probe.probeBedrock(credential.awsAccessKeyId(), secret, credential.awsRegion());
    }
    return "ANTHROPIC".equals(credential.provider()) ? probe.probeAnthropic(secret) : probe.probeOpenAi(secret);
  }

  ProviderCredential revoke(Caller caller, String id) {
    return db.transaction(tx -> {
      find(tx, caller, id);
      Access.tenantAdmin(tx, caller, "managing provider credentials");
      long now = clock.millis();
      tx.update("UPDATE provider_credentials SET revoked_at = ?, updated_at = ?, sealed_secret = NULL "
          + "WHERE id = ? AND revoked_at IS NULL", now, now, id);
      return find(tx, caller, id);
    });
  }

  /** The slug, or one derived from the deprecated {@code label}: lower case, runs of other characters as '-', trimmed. */
  static String slug(String slug, String label) {
    if (slug != null) {
      if (!SLUG.matcher(slug).matches()) {
        throw ApiException.badInput("slug", "slug must match ^[a-z0-9][a-z0-9-]{1,62}$ (lower-case letters, digits, '-'), like my-openai");
      }
      return slug;
    }
    if (label == null) throw ApiException.badInput("slug", "give a slug, like my-openai");
    String derived = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (!SLUG.matcher(derived).matches()) {
      throw ApiException.badInput("label", "label does not make a valid slug (^[a-z0-9][a-z0-9-]{1,62}$); give a slug instead");
    }
    return derived;
  }

  /** Checks the fields fit the provider and returns the secret to seal. */
  private static String shape(String provider, Map<String, Object> input) {
    if ("BEDROCK".equals(provider)) {
      if (input.get("apiKey") != null) {
        throw ApiException.badInput("apiKey", "BEDROCK takes awsAccessKeyId, awsSecretAccessKey and awsRegion, not apiKey");
      }
      String accessKeyId = required(input, "awsAccessKeyId", "BEDROCK");
      if (!AWS_ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
        throw ApiException.badInput("awsAccessKeyId", "awsAccessKeyId is upper-case letters and digits, like AKIAIOSFODNN7EXAMPLE");
      }
      String secret = required(input, "awsSecretAccessKey", "BEDROCK");
      String region = required(input, "awsRegion", "BEDROCK");
      if (!AWS_REGION.matcher(region).matches()) {
        throw ApiException.badInput("awsRegion", "awsRegion is an AWS region name, like us-west-2");
      }
      return secret;
    }
    for (String field : AWS_FIELDS) {
      if (input.get(field) != null) {
        throw ApiException.badInput(field, provider + " takes apiKey only; leave " + field + " out");
      }
    }
    return required(input, "apiKey", provider);
  }

  private static String required(Map<String, Object> input, String field, String provider) {
    Object value = input.get(field);
    if (!(value instanceof String) || ((String) value).isBlank()) {
      throw ApiException.badInput(field, provider + " needs " + field);
    }
    return ((String) value).strip();
  }

  private byte[] seal(String secret, String tenantId, String id) {
    return cipher.seal(secret.getBytes(UTF_8), tenantId, id);
  }

  private static String hint(String secret) {
    return secret.length() >= 8 ? secret.substring(secret.length() - 4) : "****";
  }

  private static ProviderCredential find(Database.Tx tx, Caller caller, String id) {
    return tx.one(CREDENTIAL + "WHERE id = ? AND tenant_id = ?", ProviderCredentials::credential, id, caller.tenantId())
        .orElseThrow(() -> ApiException.notFound("provider credential " + id));
  }

  private static ProviderCredential credential(java.sql.ResultSet r) throws java.sql.SQLException {
    return new ProviderCredential(r.getString("id"), r.getString("provider"), r.getString("slug"),
        r.getString("key_hint"), r.getString("aws_access_key_id"), r.getString("aws_region"),
        Ids.instant(r, "created_at"), Ids.instant(r, "updated_at"), Ids.instant(r, "last_tested_at"),
        Ids.instant(r, "revoked_at"));
  }
}
