package ai.aisetu.admin.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The Jackson configuration these records are written for: {@link java.time.Instant} as an
 * ISO-8601 string ({@code 2026-12-04T10:15:30Z}), unknown properties ignored.
 *
 * <pre>{@code
 * ObjectMapper json = AdminJson.newObjectMapper();
 * JsonNode structured = json.valueToTree(admin.workspaces().list());
 * }</pre>
 *
 * <p>Serialising a record that holds a secret (such as {@link CreatedApiKey}) writes the secret:
 * only {@code toString} redacts it.
 */
public final class AdminJson {
  private AdminJson() {}

  /** Returns a new, independently configurable mapper. */
  public static ObjectMapper newObjectMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
