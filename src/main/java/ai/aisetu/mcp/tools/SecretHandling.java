package ai.aisetu.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a tool does with secrets, provided by the server through {@link
 * SessionContext#secrets()}: hand a once-only secret (a new PAT, an API key from create or rotate)
 * to where the call's {@code destination} argument says, exactly once, and read a secret from an
 * environment variable of the server process. Tools that mint a secret use it like this:
 *
 * <pre>{@code
 * .property("destination", SecretHandling.destinationSchema("AI_SETU_API_KEY"), false)
 * ...
 * SecretHandling secrets = call.session().secrets();
 * SecretHandling.Destination to = secrets.destination(call, "AI_SETU_API_KEY"); // check first
 * CreatedApiKey created = call.admin().apiKeys().create(...);
 * return secrets.deliver(call, to, created.secret(), "API key ci", ToolResult.ok(..., "Created ..."));
 * }</pre>
 *
 * <p>{@link #CONVERSATION_ONLY} is the fallback for servers wired without destinations: the
 * secret goes to the user-only block of the result, and any other destination is refused.
 */
public interface SecretHandling {
  /** A checked destination, from {@link #destination}. */
  interface Destination {}

  /**
   * Reads and checks the call's {@code destination} argument before anything is minted.
   *
   * @throws ToolInputException naming {@code destination.type}, {@code destination.path} or
   *     {@code destination.variable}
   */
  Destination destination(ToolCall call, String defaultVariable);

  /**
   * Hands {@code secret} to {@code destination} once and returns {@code base} with a line saying
   * where it went; from now on every byte the server writes carries only its redacted form.
   *
   * @param label what the secret is, for the person, such as "API key ci"
   */
  ToolResult deliver(ToolCall call, Destination destination, String secret, String label,
      ToolResult base);

  /**
   * The value of the server-process environment variable named by the call's argument {@code
   * field} (such as {@code apiKeyEnv}), registered as a secret; empty if the argument is absent.
   *
   * @throws ToolInputException naming {@code field} and the variable if it is unset or empty
   */
  java.util.Optional<String> fromEnvironment(ToolCall call, String field);

  /** The schema of the {@code destination} argument. */
  static ObjectNode destinationSchema(String defaultVariable) {
    ObjectNode type = ObjectSchema.string("conversation (default): shown once to the person in"
        + " this chat; file: written to a file in the workspace as NAME=secret; reveal_page: shown"
        + " once on a local page the person opens (needs a client with URL elicitation). With"
        + " file and reveal_page the secret never enters the conversation.");
    type.putArray("enum").add("conversation").add("file").add("reveal_page");
    return ObjectSchema.builder()
        .description("Where the new secret goes. Prefer file or reveal_page when the person will"
            + " use the secret outside this chat.")
        .property("type", type, true)
        .string("path", "With type file: a file inside the workspace, such as .env (relative to"
            + " the first workspace root). Never outside the roots, never through a symlink or ..",
            false)
        .string("variable", "With type file: the variable name to write, default "
            + defaultVariable + ".", false)
        .build();
  }

  /** The user-only block: the secret and a line telling the person to store it now. */
  static String shownOnceText(String label, String secret) {
    return "Your new " + label + " (shown only this once: store it now in your password manager"
        + " or secret store; it cannot be shown again):\n" + secret;
  }

  /** Secrets go to the conversation only; the environment is empty. */
  SecretHandling CONVERSATION_ONLY = new SecretHandling() {
    private final Destination conversation = new Destination() {};

    @Override
    public Destination destination(ToolCall call, String defaultVariable) {
      JsonNode node = call.arguments().get("destination");
      if (node != null && !node.isNull()
          && !"conversation".equals(node.path("type").asText("conversation"))) {
        throw new ToolInputException("destination.type",
            "this server delivers secrets to the conversation only: use conversation");
      }
      return conversation;
    }

    @Override
    public ToolResult deliver(ToolCall call, Destination destination, String secret, String label,
        ToolResult base) {
      return base.withUserOnlyText(shownOnceText(label, secret));
    }

    @Override
    public java.util.Optional<String> fromEnvironment(ToolCall call, String field) {
      java.util.Optional<String> name = call.optionalString(field);
      if (name.isPresent()) {
        throw new ToolInputException(field, "environment variable " + name.get()
            + " cannot be read: this server was started without access to its environment;"
            + " pass the key inline");
      }
      return java.util.Optional.empty();
    }
  };
}
