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
    permits SecretDestination.Conversation, SecretDestination.RevealPage, FileDestination {

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
    return Conversation.INSTANCE;
  }

  /** The secret is shown once on the loopback reveal page. */
  static SecretDestination revealPage() {
    return RevealPage.INSTANCE;
  }

  /** See {@link #conversation()}. */
  final class Conversation implements SecretDestination {
    static final Conversation INSTANCE = new Conversation();

    private Conversation() {}

    @Override
    public Kind kind() {
      return Kind.CONVERSATION;
    }

    @Override
    public String toString() {
      return Kind.CONVERSATION.wireName();
    }
  }

  /** See {@link #revealPage()}. */
  final class RevealPage implements SecretDestination {
    static final RevealPage INSTANCE = new RevealPage();

    private RevealPage() {}

    @Override
    public Kind kind() {
      return Kind.REVEAL_PAGE;
    }

    @Override
    public String toString() {
      return Kind.REVEAL_PAGE.wireName();
    }
  }
}
