package ai.aisetu.secrets;

import java.util.Locale;

/**
 * Where a minted secret goes: into the conversation (the default: one tool result marked for the
 * user), into a file inside the workspace ({@link FileDestination}), or onto the one-time reveal
 * page. With a file or the reveal page the secret never enters the conversation.
 *
 * <pre>{@code
 * SecretDestination destination;
 * switch (SecretDestination.Kind.parse(args.destinationType(), "destination.type")) {
 *   case FILE: destination = FileDestination.resolve(args.destinationPath(), roots); break;
 *   case REVEAL_PAGE: destination = SecretDestination.revealPage(); break;
 *   default: destination = SecretDestination.conversation();
 * }
 * }</pre>
 */
public sealed interface SecretDestination
    permits SecretDestination.Shown, FileDestination {

  /** The kind of destination, as it is spelled in tool arguments. */
  enum Kind {
    CONVERSATION,
    FILE,
    REVEAL_PAGE;

    /** The spelling in tool arguments: {@code conversation}, {@code file}, {@code reveal_page}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code value} ({@code null} means {@link #CONVERSATION}).
     *
     * @param fieldName the argument holding the value, for the error message
     */
    public static Kind parse(String value, String fieldName) {
      if (value == null || value.isBlank()) return CONVERSATION;
      for (Kind kind : values()) {
        if (kind.wireName().equals(value.strip().toLowerCase(Locale.ROOT))) return kind;
      }
      throw new IllegalArgumentException(
          fieldName + " must be one of conversation, file, reveal_page");
    }
  }

  Kind kind();

  /** The secret is shown once in the tool result, marked for the user. */
  static SecretDestination conversation() {
    return Shown.CONVERSATION;
  }

  /** The secret is shown once on the loopback reveal page. */
  static SecretDestination revealPage() {
    return Shown.REVEAL_PAGE;
  }

  /** A destination where the person sees the secret: {@link #conversation()}, {@link #revealPage()}. */
  final class Shown implements SecretDestination {
    static final Shown CONVERSATION = new Shown(Kind.CONVERSATION);
    static final Shown REVEAL_PAGE = new Shown(Kind.REVEAL_PAGE);

    private final Kind kind;

    private Shown(Kind kind) {
      this.kind = kind;
    }

    @Override
    public Kind kind() {
      return kind;
    }

    @Override
    public String toString() {
      return kind.wireName();
    }
  }
}
