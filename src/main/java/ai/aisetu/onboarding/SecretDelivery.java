package ai.aisetu.onboarding;

import static java.util.Objects.requireNonNull;

import ai.aisetu.mcp.tools.SecretHandling;
import ai.aisetu.mcp.tools.SessionContext;
import ai.aisetu.mcp.tools.ToolCall;
import ai.aisetu.mcp.tools.ToolInputException;
import ai.aisetu.mcp.tools.ToolResult;
import ai.aisetu.secrets.EnvSecretReader;
import ai.aisetu.secrets.FileDestination;
import ai.aisetu.secrets.OnceOnlySecret;
import ai.aisetu.secrets.SecretDestination;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a once-only secret (a new PAT, an API key from create or rotate) to where the tool call's
 * {@code destination} argument says, exactly once, and answers the model with its redacted form
 * only. Shared by {@code pats_create}, {@code api_keys_create}, {@code api_keys_rotate} and
 * {@code onboarding_verify}:
 *
 * <pre>{@code
 * .inputSchema(ObjectSchema.builder()
 *     .string("workspaceId", "...", true)
 *     .property("destination", SecretDelivery.destinationSchema("AI_SETU_API_KEY"), false)
 *     .build())
 * .handler(call -> {
 *   Destination to = call.session().secrets().destination(call, "AI_SETU_API_KEY"); // check first
 *   CreatedApiKey created = call.admin().apiKeys().create(workspaceId, name, call.cancellation());
 *   return call.session().secrets().deliver(call, to, created.secret(), "API key " + name,
 *       ToolResult.ok(created.apiKey(), "Created API key " + name + "."));
 * })
 * }</pre>
 *
 * <p>Destinations:
 *
 * <ul>
 *   <li>{@code {"type":"conversation"}} (the default): the secret goes out once, in a text block
 *       marked {@code audience: ["user"]} that tells the person to store it now; every other byte
 *       carries only the redacted form (see {@link SessionSecrets}).
 *   <li>{@code {"type":"file","path":".env","variable":"AI_SETU_API_KEY"}}: written as {@code
 *       NAME=secret} to a file inside the client's roots (else the working directory), mode 0600.
 *   <li>{@code {"type":"reveal_page"}}: shown once on a {@link RevealPage} the client opens with
 *       URL elicitation; refused before anything is minted if the client lacks it.
 * </ul>
 *
 * With {@code file} and {@code reveal_page} the secret never enters the conversation.
 */
public final class SecretDelivery implements SecretHandling {
  private static final Logger log = LoggerFactory.getLogger(SecretDelivery.class);
  private static final Set<String> DESTINATION_FIELDS = Set.of("type", "path", "variable");

  private final SessionSecrets secrets;
  private final RevealPage pages;
  private final Path workingDirectory;
  private final Map<String, String> environment;

  /**
   * @param workingDirectory where {@code file} destinations go when the client exposes no roots
   * @param environment the server process's environment, for {@link #fromEnvironment}
   */
  public SecretDelivery(SessionSecrets secrets, RevealPage pages, Path workingDirectory,
      Map<String, String> environment) {
    this.environment = Map.copyOf(requireNonNull(environment, "environment == null"));
    this.secrets = requireNonNull(secrets, "secrets == null");
    this.pages = requireNonNull(pages, "pages == null");
    this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory == null");
  }

  /** The session secrets this delivery registers with. */
  public SessionSecrets secrets() {
    return secrets;
  }

  /** Where one secret will go; resolved and checked before the secret is minted. */
  static final class Target implements Destination {
    private final SecretDestination destination;
    private final String variable;

    private Target(SecretDestination destination, String variable) {
      this.destination = destination;
      this.variable = variable;
    }

    public SecretDestination.Kind kind() {
      return destination.kind();
    }

    @Override
    public String toString() {
      return destination.toString();
    }
  }

  /**
   * Reads and checks the call's {@code destination} argument: a {@code file} path must resolve
   * inside the roots, a {@code reveal_page} needs URL elicitation.
   *
   * @throws ToolInputException naming {@code destination}, {@code destination.type}, {@code
   *     destination.path} or {@code destination.variable}
   */
  @Override
  public Destination destination(ToolCall call, String defaultVariable) {
    JsonNode node = call.arguments().get("destination");
    if (node == null || node.isNull()) return new Target(SecretDestination.conversation(), null);
    if (!node.isObject()) {
      throw new ToolInputException("destination",
          "must be an object such as {\"type\":\"file\",\"path\":\".env\"}");
    }
    for (var names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!DESTINATION_FIELDS.contains(name)) {
        throw new ToolInputException("destination." + name, "is not known: use type, path, variable");
      }
    }
    JsonNode typeNode = node.get("type");
    if (typeNode != null && !typeNode.isNull() && !typeNode.isTextual()) {
      throw new ToolInputException("destination.type", "must be one of conversation, file, reveal_page");
    }
    SecretDestination.Kind kind;
    try {
      kind = SecretDestination.Kind.parse(typeNode == null ? null : typeNode.asText(), "destination.type");
    } catch (IllegalArgumentException e) {
      throw new ToolInputException("destination.type", "must be one of conversation, file, reveal_page");
    }
    String path = text(node, "path");
    String variable = text(node, "variable");
    if (kind != SecretDestination.Kind.FILE && (path != null || variable != null)) {
      throw new ToolInputException(path != null ? "destination.path" : "destination.variable",
          "is only used with destination type file");
    }
    switch (kind) {
      case FILE:
        try {
          FileDestination file = FileDestination.resolve(path, allowedRoots(call.session()));
          String name = variable == null ? defaultVariable : variable;
          if (!name.matches("[A-Z_][A-Z0-9_]*")) {
            throw new ToolInputException("destination.variable", "must be capital letters, digits"
                + " and _, not starting with a digit, such as " + defaultVariable);
          }
          return new Target(file, name);
        } catch (IllegalArgumentException e) {
          throw new ToolInputException("destination.path", stripField(e.getMessage()));
        }
      case REVEAL_PAGE:
        if (!call.session().supportsUrlElicitation()) {
          throw new ToolInputException("destination.type", "reveal_page needs a client that"
              + " supports URL elicitation, and this one does not: use file (a .env in the"
              + " workspace) or conversation");
        }
        return new Target(SecretDestination.revealPage(), null);
      default:
        return new Target(SecretDestination.conversation(), null);
    }
  }

  /**
   * Delivers {@code secret}: registers it with the session's redactor first, then hands it on
   * once, and returns {@code base} with a line saying where it went (by its redacted form only).
   *
   * @param label what the secret is, for the person, such as "API key ci"
   */
  @Override
  public ToolResult deliver(ToolCall call, Destination destination, String secret, String label,
      ToolResult base) {
    requireNonNull(destination, "destination == null");
    if (!(destination instanceof Target target)) {
      throw new IllegalArgumentException("destination did not come from this SecretDelivery");
    }
    requireNonNull(base, "base == null");
    SessionContext session = call.session();
    OnceOnlySecret once = OnceOnlySecret.mint(secrets.redactor(session.id()), "secret", secret);
    String redacted = once.redacted();
    switch (target.kind()) {
      case FILE: {
        FileDestination file = (FileDestination) target.destination;
        try {
          String done = file.append(target.variable, once.reveal());
          return withLine(base, "The secret (" + redacted + ") did not enter the conversation: "
              + done + ".");
        } catch (RuntimeException e) {
          log.warn("writing a secret to {} failed ({})", file.path(), e.getClass().getSimpleName());
          return ToolResult.error("The " + label + " was created (" + redacted + ") but writing it"
              + " to destination.path failed: " + secrets.redactor(session.id()).redact(
                  String.valueOf(e.getMessage())) + ". Its secret cannot be shown again: rotate or"
              + " revoke it and try another destination.");
        }
      }
      case REVEAL_PAGE: {
        RevealPage.Flow flow = pages.openReveal(session.id(), once, label);
        SessionContext.UrlElicitationAnswer answer;
        try {
          answer = session.elicitUrl("Your new " + label + " is ready on a one-time local page."
              + " Open it to see the secret once and store it.", flow.url(), flow.id());
        } catch (RuntimeException e) {
          log.debug("URL elicitation failed", e);
          answer = SessionContext.UrlElicitationAnswer.CANCEL;
        }
        if (answer == SessionContext.UrlElicitationAnswer.ACCEPT) {
          return withLine(base, "The secret (" + redacted + ") did not enter the conversation: it"
              + " is on a one-time page the person opened (single use, until " + flow.expiresAt()
              + ").");
        }
        return withLine(base, "The person did not open the one-time page, so the secret ("
            + redacted + ") has not been shown. The page stays valid until " + flow.expiresAt()
            + "; otherwise rotate or revoke it.");
      }
      default: {
        String value = once.reveal();
        secrets.surfaceOnce(session.id(), value);
        String text = SecretHandling.shownOnceText(label, value);
        return withLine(base, "The secret (" + redacted + ") was shown once to the person in a"
            + " block only they see; it is not repeated anywhere else. Do not copy it into"
            + " files or messages.").withUserOnlyText(text);
      }
    }
  }

  @Override
  public Optional<String> fromEnvironment(ToolCall call, String field) {
    Optional<String> name = call.optionalString(field);
    if (name.isEmpty()) return Optional.empty();
    try {
      return Optional.of(EnvSecretReader.read(
          environment, name.get(), field, secrets.redactor(call.session().id())));
    } catch (IllegalArgumentException e) {
      throw new ToolInputException(field, e.getMessage());
    }
  }

  private static ToolResult withLine(ToolResult base, String line) {
    String text = base.text() == null || base.text().isBlank() ? line : base.text() + " " + line;
    return new ToolResult(base.structuredContent(), text, base.isError(), base.userOnlyText());
  }

  private List<Path> allowedRoots(SessionContext session) {
    List<Path> roots = new ArrayList<>();
    for (URI uri : session.roots()) {
      if (!"file".equalsIgnoreCase(uri.getScheme())) continue;
      try {
        roots.add(Path.of(uri));
      } catch (RuntimeException e) {
        log.debug("ignoring root {}", uri);
      }
    }
    if (roots.isEmpty()) roots.add(workingDirectory);
    return roots;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) return null;
    if (!value.isTextual()) throw new ToolInputException("destination." + field, "must be a string");
    String text = value.textValue().strip();
    return text.isEmpty() ? null : text;
  }

  private static String stripField(String message) {
    String prefix = "destination.path ";
    return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
