package ai.aisetu.secrets;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A secret the control plane showed once (a new PAT, an API key from create or rotate, the PAT
 * minted by onboarding) that this server may hand on exactly once: to the conversation, to a file,
 * or to the reveal page. After {@link #reveal()} the value is dropped; only its {@link #redacted()
 * redacted form} remains, and that is all {@link #toString()} ever shows.
 *
 * <pre>{@code
 * OnceOnlySecret pat = OnceOnlySecret.mint(session.redactor(), "pat", result.secret());
 * destination.append("AI_SETU_PAT", pat.reveal());   // the one delivery
 * return "created " + pat;                            // "created tt_pat_…abcd"
 * }</pre>
 *
 * <p>{@link #mint} registers the value with a {@link Redactor} first, so every record written after
 * the secret exists, including the message that surfaces it, carries only the redacted form.
 * Thread-safe: concurrent callers of {@link #reveal()} see the value at most once between them.
 */
public final class OnceOnlySecret {
  private final String kind;
  private final String redacted;
  private final AtomicReference<String> value;

  private OnceOnlySecret(String kind, String value) {
    this.kind = requireNonNull(kind, "kind == null");
    requireNonNull(value, "value == null");
    if (value.isBlank()) throw new IllegalArgumentException(kind + " secret is blank");
    this.redacted = Redactor.redactedForm(value);
    this.value = new AtomicReference<>(value);
  }

  /** A secret of {@code kind} (e.g. {@code "pat"}, {@code "api_key"}) that no redactor knows. */
  public static OnceOnlySecret of(String kind, String value) {
    return new OnceOnlySecret(kind, value);
  }

  /** Registers {@code value} with {@code redactor}, then wraps it. */
  public static OnceOnlySecret mint(Redactor redactor, String kind, String value) {
    requireNonNull(redactor, "redactor == null");
    OnceOnlySecret secret = new OnceOnlySecret(kind, value);
    redactor.register(value);
    return secret;
  }

  /** What kind of secret this is, as given at creation. */
  public String kind() {
    return kind;
  }

  /** The redacted form, such as {@code tt_pat_…abcd}. Safe to show anywhere, any number of times. */
  public String redacted() {
    return redacted;
  }

  /**
   * Returns the value on the first call and forgets it.
   *
   * @throws IllegalStateException on every later call
   */
  public String reveal() {
    String revealed = value.getAndSet(null);
    if (revealed == null) {
      throw new IllegalStateException(kind + " " + redacted + " already revealed");
    }
    return revealed;
  }

  /** Returns true once {@link #reveal()} has been called. */
  public boolean revealed() {
    return value.get() == null;
  }

  @Override
  public String toString() {
    return redacted;
  }
}
