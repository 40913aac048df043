package ai.aisetu.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A file inside the workspace that receives a minted secret as a {@code NAME=secret} line, such as
 * {@code AI_SETU_API_KEY=tt_live_…} in {@code .env}, so the secret never enters the conversation.
 *
 * <pre>{@code
 * FileDestination env = FileDestination.resolve(".env", List.of(workingDirectory));
 * String done = env.append("AI_SETU_API_KEY", key.reveal());  // "wrote AI_SETU_API_KEY to …/.env …"
 * }</pre>
 *
 * <p>{@link #resolve} accepts only a path inside one of the allowed roots (the client's roots, or
 * the working directory): a relative path is taken against the first root; an absolute path must
 * lie under one of them. It refuses {@code ..} anywhere in the path, a symbolic link at any
 * component below the root, an existing file that is not a regular file or that has other hard
 * links, and a missing parent directory. The roots themselves are trusted, symlinks included.
 *
 * <p>{@link #append} rewrites the file atomically (a 0600 temporary file in the same directory,
 * then an atomic move), so the result is always mode 0600 and never half-written. The existing
 * content is kept; if a line already assigns the variable ({@code NAME=…} or {@code export
 * NAME=…}) it is replaced in place instead of adding a duplicate, otherwise the line is appended
 * (after a newline if the file lacks a final one). The value is written raw, unquoted. The
 * checks are repeated just before writing; a parent directory swapped for a symlink between that
 * check and the move is the remaining race, which needs write access to the workspace already.
 */
public final class FileDestination implements SecretDestination {
  private static final String FIELD = "destination.path";
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");
  private static final long MAX_EXISTING_SIZE = 1024 * 1024;
  /** Serialises rewrites within the process so two appends to one file cannot lose a line. */
  private static final Object WRITE_LOCK = new Object();

  private final Path root;
  private final Path relative;
  private final Path file;

  private FileDestination(Path root, Path relative) {
    this.root = root;
    this.relative = relative;
    this.file = root.resolve(relative);
  }

  /**
   * Resolves {@code requestedPath} inside {@code allowedRoots}.
   *
   * @throws IllegalArgumentException naming {@code destination.path} and saying what to do, if the
   *     path is missing, escapes the roots, passes through a symlink, or names something other than
   *     a regular file
   */
  public static FileDestination resolve(String requestedPath, List<Path> allowedRoots) {
    requireNonNull(allowedRoots, "allowedRoots == null");
    if (requestedPath == null || requestedPath.isBlank()) {
      throw refused("is required with destination file: give a file inside the workspace, such as .env");
    }
    Path requested;
    try {
      requested = Path.of(requestedPath.strip());
    } catch (InvalidPathException e) {
      throw refused("is not a valid path: give a file inside the workspace, such as .env");
    }
    for (Path name : requested) {
      if (name.toString().equals("..")) {
        throw refused("must not contain '..': give a path inside the workspace, such as .env or config/.env");
      }
    }
    List<Root> roots = existingRoots(allowedRoots);
    if (roots.isEmpty()) {
      throw refused("cannot be used: the server knows no workspace root (the client sent no roots"
          + " and there is no working directory); use destination conversation or reveal_page");
    }
    requested = requested.normalize();
    Path root = null;
    Path relative = null;
    if (!requested.isAbsolute()) {
      root = roots.get(0).real();
      relative = requested;
    } else {
      for (Root candidate : roots) {
        for (Path prefix : List.of(candidate.real(), candidate.given())) {
          if (root == null && requested.startsWith(prefix)) {
            root = candidate.real();
            relative = prefix.relativize(requested);
          }
        }
      }
      if (root == null) {
        List<Path> given = roots.stream().map(Root::given).toList();
        throw refused("is outside the workspace roots " + given
            + ": give a path inside one of them, or a relative path such as .env");
      }
    }
    if (relative.toString().isEmpty()) {
      throw refused("names the workspace root itself: name a file inside it, such as .env");
    }
    FileDestination destination = new FileDestination(root, relative);
    destination.check();
    return destination;
  }

  /** The absolute path of the file. */
  public Path path() {
    return file;
  }

  @Override
  public Kind kind() {
    return Kind.FILE;
  }

  /**
   * Writes {@code variableName=secret} into the file, replacing any line that already assigns
   * {@code variableName}. Returns a description for the tool result; it holds no secret.
   *
   * @throws IllegalArgumentException if the variable name is not {@code [A-Z_][A-Z0-9_]*}, the
   *     secret holds a line break, or the path became unsafe
   * @throws java.io.UncheckedIOException if the file cannot be read or written
   */
  public String append(String variableName, String secret) {
    requireNonNull(secret, "secret == null");
    if (variableName == null || !VARIABLE_NAME.matcher(variableName).matches()) {
      throw new IllegalArgumentException("destination.variable must be an environment variable name"
          + " of capital letters, digits and _ (not starting with a digit), such as AI_SETU_API_KEY");
    }
    if (secret.indexOf('\n') >= 0 || secret.indexOf('\r') >= 0 || secret.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "the secret holds a line break and cannot be written as one NAME=value line; use destination conversation");
    }
    synchronized (WRITE_LOCK) {
      try {
        boolean existed = check();
        String content = existed ? read() : "";
        Pattern assignment = Pattern.compile("^(\\s*(?:export\\s+)?)" + variableName + "\\s*=.*$");
        StringBuilder out = new StringBuilder(content.length() + variableName.length() + secret.length() + 2);
        boolean replaced = false;
        for (String line : content.split("(?<=\n)")) {
          String body = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
          String ending = line.substring(body.length());
          if (body.endsWith("\r")) {
            ending = "\r" + ending;
            body = body.substring(0, body.length() - 1);
          }
          java.util.regex.Matcher m = assignment.matcher(body);
          if (m.matches()) {
            out.append(m.group(1)).append(variableName).append('=').append(secret).append(ending);
            replaced = true;
          } else {
            out.append(line);
          }
        }
        if (!replaced) {
          if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') out.append('\n');
          out.append(variableName).append('=').append(secret).append('\n');
        }
        PrivateFiles.writeAtomically(file, out.toString().getBytes(UTF_8));
        String how = !existed ? "created it" : replaced ? "replaced the existing line" : "appended a line";
        return "wrote " + variableName + " to " + file + " (" + how + "; mode 0600)";
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(
            "could not write " + variableName + " to " + file + " (" + e.getClass().getSimpleName() + ")", e);
      }
    }
  }

  @Override
  public String toString() {
    return "file " + file;
  }

  /**
   * Walks the path below the root without following links. Returns true if the file exists (and
   * is a regular file with one link).
   */
  private boolean check() {
    Path current = root;
    int count = relative.getNameCount();
    for (int i = 0; i < count; i++) {
      current = current.resolve(relative.getName(i));
      boolean last = i == count - 1;
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        if (last) return false;
        throw refused("needs the directory " + current + ", which does not exist: create it first or"
            + " choose a file in an existing directory");
      } catch (IOException e) {
        throw refused("cannot be checked (" + e.getClass().getSimpleName() + " at " + current + ")");
      }
      if (attributes.isSymbolicLink()) {
        throw refused("goes through the symbolic link " + current + ": give a path whose every"
            + " directory and file is real, not a link");
      }
      if (!last && !attributes.isDirectory()) {
        throw refused("needs " + current + " to be a directory, and it is not");
      }
      if (last && !attributes.isRegularFile()) {
        throw refused("names " + current + ", which is not a regular file: name a file such as .env");
      }
      if (last && hasOtherLinks(current)) {
        throw refused("names " + current + ", which has other hard links: give a file of its own");
      }
    }
    return true;
  }

  private String read() throws IOException {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes((int) MAX_EXISTING_SIZE + 1);
      if (bytes.length > MAX_EXISTING_SIZE) {
        throw refused("names " + file + ", which is over 1 MiB: name a small file such as .env");
      }
      return new String(bytes, UTF_8);
    }
  }

  private static boolean hasOtherLinks(Path file) {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("unix")) return false;
    try {
      Object links = Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
      return links instanceof Integer n && n > 1;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /** An allowed root as the caller gave it and as it really is (symlinks resolved). */
  private record Root(Path given, Path real) {}

  private static List<Root> existingRoots(List<Path> allowedRoots) {
    List<Root> roots = new ArrayList<>();
    for (Path root : allowedRoots) {
      try {
        Path real = root.toRealPath();
        if (Files.isDirectory(real)) roots.add(new Root(root.toAbsolutePath().normalize(), real));
      } catch (IOException e) {
        // A root that does not exist holds no file; skip it.
      }
    }
    return roots;
  }

  private static IllegalArgumentException refused(String what) {
    return new IllegalArgumentException(FIELD + " " + what);
  }
}
