package ai.aisetu.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The {@code initialize} result of this server, written without the SDK: what {@link
 * ai.aisetu.mcp.stdio.StdioPreface} answers before the server is built. It is fixed by the build
 * (name, version, capabilities, instructions) and the negotiated protocol version; the SDK's own
 * answer, which the transport compares and drops, must be the same JSON (a test holds them equal for
 * every option set and protocol version).
 *
 * <p>Loading this class touches neither the SDK nor a logger nor Jackson's databind: only Jackson's
 * streaming generator, which is cheap to start.
 */
public final class InitializeAnswer {
  private static final JsonFactory JSON = new JsonFactory();

  private InitializeAnswer() {}

  /** The JSON text of the {@code InitializeResult} for {@code protocolVersion}. */
  public static String resultJson(String protocolVersion) {
    requireNonNull(protocolVersion, "protocolVersion == null");
    StringWriter text = new StringWriter(2048);
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("protocolVersion", protocolVersion);
      json.writeObjectFieldStart("capabilities");
      // As AiSetuMcpServer declares them to the SDK: completions, logging, prompts, resources, tools.
      json.writeObjectFieldStart("completions");
      json.writeEndObject();
      json.writeObjectFieldStart("logging");
      json.writeEndObject();
      json.writeObjectFieldStart("prompts");
      json.writeBooleanField("listChanged", false);
      json.writeEndObject();
      json.writeObjectFieldStart("resources");
      json.writeBooleanField("subscribe", false);
      json.writeBooleanField("listChanged", false);
      json.writeEndObject();
      json.writeObjectFieldStart("tools");
      json.writeBooleanField("listChanged", true);
      json.writeEndObject();
      json.writeEndObject();
      json.writeObjectFieldStart("serverInfo");
      json.writeStringField("name", AiSetuMcpServer.NAME);
      json.writeStringField("version", version());
      json.writeEndObject();
      json.writeStringField("instructions", Guidance.INSTRUCTIONS);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // A StringWriter does not fail.
    }
    return text.toString();
  }

  /** This build's version, from the jar manifest ({@code 0.0.0-dev} when run from classes). */
  static String version() {
    String version = InitializeAnswer.class.getPackage().getImplementationVersion();
    return version != null ? version : "0.0.0-dev";
  }
}
