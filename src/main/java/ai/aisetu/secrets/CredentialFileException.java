package ai.aisetu.secrets;

/**
 * The saved credential file could not be read or written. The message names the file and says
 * what to do; it never quotes the file's content.
 */
public final class CredentialFileException extends RuntimeException {
  CredentialFileException(String message) {
    super(message);
  }

  CredentialFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
