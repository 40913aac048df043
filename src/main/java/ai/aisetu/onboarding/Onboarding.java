package ai.aisetu.onboarding;

import static java.util.Objects.requireNonNull;

import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.Cancellation;
import ai.aisetu.admin.model.LoginCodeRequest;
import ai.aisetu.admin.model.LoginResult;
import ai.aisetu.mcp.tools.Access;
import ai.aisetu.mcp.tools.ObjectSchema;
import ai.aisetu.mcp.tools.SecretHandling;
import ai.aisetu.mcp.tools.SessionContext;
import ai.aisetu.mcp.tools.ToolCall;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.ToolInputException;
import ai.aisetu.mcp.tools.ToolJson;
import ai.aisetu.mcp.tools.ToolResult;
import ai.aisetu.mcp.tools.Toolset;
import ai.aisetu.secrets.CredentialFileException;
import ai.aisetu.secrets.CredentialStore;
import ai.aisetu.secrets.OnceOnlySecret;
import ai.aisetu.secrets.Redactor;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two onboarding tools, which take a person from an email address to a working PAT inside the
 * conversation:
 *
 * <ul>
 *   <li>{@code onboarding_start(email)} asks the control plane to send a 6-digit code. If the
 *       client supports URL elicitation, it also opens a one-time {@link RevealPage} where the
 *       person types the code and sees the new PAT once; the model learns only "signed in as …
 *       with a PAT ending abcd". On the local control plane the result says where its outbox is.
 *   <li>{@code onboarding_verify(email, code, patName?, destination?)}, the fallback: the person
 *       tells the agent the code; the PAT goes where {@code destination} says ({@link
 *       SecretDelivery}).
 * </ul>
 *
 * <p>Either way the new PAT becomes the session's credential at once ({@link
 * SessionContext#setPat}, which sends {@code tools/list_changed}), is registered with the
 * session's redactor, and is saved to the {@link CredentialStore} under this control plane's key
 * unless saving is off.
 *
 * <pre>{@code
 * Onboarding onboarding = Onboarding.builder(delivery, pages)
 *     .credentialStore(store, CredentialStore.LOCAL)     // omit for --no-save-credentials
 *     .localOutbox(plane.outboxUri(), plane.outboxDir()) // only for the local plane
 *     .build();
 * List<ToolDefinition> tools = onboarding.tools();
 * }</pre>
 */
public final class Onboarding {
  /** The PAT name used when the call gives none. */
  public static final String DEFAULT_PAT_NAME = "ai-setu-mcp";

  private static final Logger log = LoggerFactory.getLogger(Onboarding.class);
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern CODE = Pattern.compile("[0-9]{6}");

  private final SecretDelivery delivery;
  private final RevealPage pages;
  private final CredentialStore store;
  private final String controlPlaneKey;
  private final URI outboxPage;
  private final Path outboxFolder;
  private final Clock clock;

  private Onboarding(Builder builder) {
    this.delivery = builder.delivery;
    this.pages = builder.pages;
    this.store = builder.store;
    this.controlPlaneKey = builder.controlPlaneKey;
    this.outboxPage = builder.outboxPage;
    this.outboxFolder = builder.outboxFolder;
    this.clock = builder.clock;
  }

  public static Builder builder(SecretDelivery delivery, RevealPage pages) {
    return new Builder(delivery, pages);
  }

  /** {@code onboarding_start} and {@code onboarding_verify}. */
  public List<ToolDefinition> tools() {
    return List.of(start(), verify());
  }

  ToolDefinition start() {
    ObjectNode outbox = ObjectSchema.builder()
        .description("Only on the local control plane, which sends no email: where the code is.")
        .string("page", "A loopback page listing the codes sent.", true)
        .string("folder", "A folder with one message file per code.", true)
        .build();
    return ToolDefinition.builder("onboarding_start")
        .title("Start signing in with an emailed code")
        .description("Sends a 6-digit sign-in code to the person's email address: the first step"
            + " to a personal access token (PAT) when the session has none, or to sign in as"
            + " someone else. An unknown address gets a new account. If the client can open"
            + " pages (URL elicitation), the person types the code on a one-time local page and"
            + " the session is signed in when this call returns; otherwise ask the person for the"
            + " code and call onboarding_verify. Needs no PAT.")
        .toolset(Toolset.ONBOARDING)
        .access(Access.NONE)
        .readOnly(false)
        .openWorld(true)
        .inputSchema(ObjectSchema.builder()
            .string("email", "The person's email address; the code is sent there.", true)
            .build())
        .outputSchema(ObjectSchema.builder()
            .string("email", "Where the code was sent.", true)
            .integer("expiresInSeconds", "How long the code is valid.", true)
            .bool("signedIn", "True if the person already finished on the sign-in page.", true)
            .string("pat", "The new PAT's redacted form, when signed in.", false)
            .property("localOutbox", outbox, false)
            .string("next", "What to do next.", true)
            .build())
        .handler(this::handleStart)
        .build();
  }

  ToolDefinition verify() {
    return ToolDefinition.builder("onboarding_verify")
        .title("Finish signing in with the emailed code")
        .description("Checks the 6-digit code the person received after onboarding_start and"
            + " mints a personal access token (PAT) with admin:read and admin:write. The session"
            + " uses it at once, it is saved for the next start, and the write tools appear. The"
            + " PAT itself is shown to the person once (destination conversation), or written to"
            + " a file, or shown on a one-time page; you only ever see its redacted form. Needs no"
            + " PAT.")
        .toolset(Toolset.ONBOARDING)
        .access(Access.NONE)
        .readOnly(false)
        .openWorld(true)
        .inputSchema(ObjectSchema.builder()
            .string("email", "The address given to onboarding_start.", true)
            .string("code", "The 6-digit code from the email.", true)
            .string("patName", "A name for the new PAT, default " + DEFAULT_PAT_NAME + ".", false)
            .property("destination", SecretHandling.destinationSchema("AI_SETU_PAT"), false)
            .build())
        .outputSchema(ObjectSchema.builder()
            .string("email", "Who is signed in.", true)
            .string("userId", "The user's id.", true)
            .string("tenantId", "The user's tenant.", true)
            .string("tenantName", "The tenant's name.", true)
            .string("patId", "The new PAT's id.", true)
            .string("pat", "The new PAT's redacted form.", true)
            .stringArray("scopes", "The PAT's scopes.", true)
            .bool("saved", "True if the PAT was saved to the credential file.", true)
            .build())
        .handler(this::handleVerify)
        .build();
  }

  private ToolResult handleStart(ToolCall call) {
    String email = email(call);
    SessionContext session = call.session();
    AiSetuAdmin admin = session.admin().withoutPat();
    LoginCodeRequest sent = admin.requestLoginCode(email, call.cancellation());
    ObjectNode result = ToolJson.object()
        .put("email", email)
        .put("expiresInSeconds", sent.expiresInSeconds())
        .put("signedIn", false);
    String outboxHint = null;
    if (outboxPage != null) {
      result.putObject("localOutbox")
          .put("page", outboxPage.toString())
          .put("folder", outboxFolder.toString());
      outboxHint = "This is the local control plane: it sends no email. The code is on "
          + outboxPage + " and in the folder " + outboxFolder + ".";
    }
    String fallback = "Ask the person for the 6-digit code sent to " + email
        + (outboxHint == null ? "" : " (" + outboxHint + ")")
        + ", then call onboarding_verify with it. Never guess a code.";
    if (!session.supportsUrlElicitation()) {
      result.put("next", fallback);
      return ToolResult.ok(result, "A sign-in code was sent to " + email + ". " + fallback);
    }

    RevealPage.Flow flow = pages.openCodeEntry(session.id(), email, outboxHint,
        code -> signInOnPage(session, email, code));
    SessionContext.UrlElicitationAnswer answer;
    try {
      answer = session.elicitUrl("Sign in to AI Setu: type the code sent to " + email
          + " on this one-time local page. Your new access token is shown there once and never"
          + " enters this chat.", flow.url(), flow.id());
    } catch (RuntimeException e) {
      log.debug("URL elicitation failed", e);
      answer = SessionContext.UrlElicitationAnswer.CANCEL;
    }
    if (answer == SessionContext.UrlElicitationAnswer.ACCEPT) {
      RevealPage.Outcome outcome = flow.await(Duration.between(clock.instant(), flow.expiresAt()),
          call.cancellation());
      if (outcome.status() == RevealPage.Outcome.Status.DONE) {
        result.put("signedIn", true);
        result.put("pat", outcome.summary().replaceAll(".*PAT ", "").strip());
        result.put("next", "The session is signed in; the write tools are listed now.");
        return ToolResult.ok(result, outcome.summary() + ".");
      }
      result.put("next", "The sign-in page ended without signing in (" + outcome.summary() + "). "
          + fallback);
      return ToolResult.ok(result, "A sign-in code was sent to " + email + ", but the page did"
          + " not finish. " + fallback);
    }
    result.put("next", "The person did not open the sign-in page. " + fallback);
    return ToolResult.ok(result, "A sign-in code was sent to " + email + ". The person did not"
        + " open the sign-in page. " + fallback);
  }

  /** The page's verifier: mints the PAT, signs the session in, keeps the secret for the page. */
  private RevealPage.Verified signInOnPage(SessionContext session, String email, String code) {
    LoginResult login = session.admin().withoutPat()
        .verifyLoginCode(email, code, DEFAULT_PAT_NAME, null, Cancellation.create());
    SignedIn signedIn = signIn(session, login);
    OnceOnlySecret pat = OnceOnlySecret.mint(delivery.secrets().redactor(session.id()), "pat", login.secret());
    return new RevealPage.Verified(pat, "Signed in as " + login.user().email(),
        "Signed in as " + login.user().email() + " (tenant " + login.tenant().name() + ")"
            + (signedIn.saved ? ", saved for the next start," : "") + " with a PAT " + pat.redacted());
  }

  private ToolResult handleVerify(ToolCall call) {
    String email = email(call);
    String code = call.requiredString("code");
    if (!CODE.matcher(code).matches()) {
      throw new ToolInputException("code", "must be the 6 digits from the email, such as 123456");
    }
    String patName = call.optionalString("patName").orElse(DEFAULT_PAT_NAME);
    SecretHandling.Destination target = delivery.destination(call, "AI_SETU_PAT");
    SessionContext session = call.session();
    LoginResult login = session.admin().withoutPat()
        .verifyLoginCode(email, code, patName, null, call.cancellation());
    SignedIn signedIn = signIn(session, login);
    ObjectNode result = ToolJson.object()
        .put("email", login.user().email())
        .put("userId", login.user().id())
        .put("tenantId", login.tenant().id())
        .put("tenantName", login.tenant().name())
        .put("patId", login.token().id())
        .put("pat", Redactor.redactedForm(login.secret()))
        .put("saved", signedIn.saved);
    login.token().scopes().forEach(result.putArray("scopes")::add);
    String summary = "Signed in as " + login.user().email() + " (tenant " + login.tenant().name()
        + "). This session now uses the new PAT " + Redactor.redactedForm(login.secret())
        + " and the write tools are listed. " + signedIn.note;
    return delivery.deliver(call, target, login.secret(), "AI Setu personal access token",
        ToolResult.ok(result, summary));
  }

  private record SignedIn(boolean saved, String note) {}

  /** Registers the new PAT, makes it the session's credential and saves it. */
  private SignedIn signIn(SessionContext session, LoginResult login) {
    String pat = login.secret();
    delivery.secrets().redactor(session.id()).register(pat);
    session.setPat(pat);
    if (store == null) return new SignedIn(false, "It was not saved (--no-save-credentials).");
    try {
      store.save(controlPlaneKey, pat, login.user().email(), clock.instant());
      return new SignedIn(true, "It was saved to " + store.file() + " for the next start.");
    } catch (CredentialFileException e) {
      log.warn("could not save the new PAT: {}", e.getMessage());
      return new SignedIn(false, "It could not be saved: " + e.getMessage());
    }
  }

  private static String email(ToolCall call) {
    String email = call.requiredString("email");
    if (!EMAIL.matcher(email).matches() || email.length() > 254) {
      throw new ToolInputException("email", "must be an email address such as ada@example.com");
    }
    return email;
  }

  public static final class Builder {
    private final SecretDelivery delivery;
    private final RevealPage pages;
    private CredentialStore store;
    private String controlPlaneKey;
    private URI outboxPage;
    private Path outboxFolder;
    private Clock clock = Clock.systemUTC();

    private Builder(SecretDelivery delivery, RevealPage pages) {
      this.delivery = requireNonNull(delivery, "delivery == null");
      this.pages = requireNonNull(pages, "pages == null");
    }

    /** Save minted PATs in {@code store} under {@code controlPlaneKey}; omit to save nothing. */
    public Builder credentialStore(CredentialStore store, String controlPlaneKey) {
      this.store = requireNonNull(store, "store == null");
      this.controlPlaneKey = requireNonNull(controlPlaneKey, "controlPlaneKey == null");
      return this;
    }

    /** The local control plane's outbox, named in onboarding_start's result. */
    public Builder localOutbox(URI page, Path folder) {
      this.outboxPage = requireNonNull(page, "page == null");
      this.outboxFolder = requireNonNull(folder, "folder == null");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock == null");
      return this;
    }

    public Onboarding build() {
      return new Onboarding(this);
    }
  }
}
