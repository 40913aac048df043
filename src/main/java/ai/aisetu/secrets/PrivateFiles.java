package ai.aisetu.secrets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Owner-only files and directories (0600 and 0700 where the file system has POSIX modes). */
final class PrivateFiles {
  static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> OWNER_ALL = PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {}

  static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  static FileAttribute<?>[] fileAttributes(Path path) {
    return isPosix(path)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
        : new FileAttribute<?>[0];
  }

  /** Creates {@code dir} and its missing parents, each created one owner-only. */
  static void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) return;
    if (isPosix(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ALL));
    } else {
      Files.createDirectories(dir);
    }
  }

  /** Sets {@code file} (not following a symlink) to 0600 if it is anything looser. */
  static void restrict(Path file) throws IOException {
    if (!isPosix(file)) return;
    Set<PosixFilePermission> current = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
    if (!current.equals(OWNER_READ_WRITE)) Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
  }

  /** Returns true if group or others may read or write {@code file}. */
  static boolean isLooserThanOwnerOnly(Path file) throws IOException {
    if (!isPosix(file)) return false;
    Set<PosixFilePermission> current = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
    for (PosixFilePermission p : current) {
      if (!OWNER_ALL.contains(p)) return true;
    }
    return false;
  }

  /**
   * Replaces {@code target} with {@code content} atomically: a 0600 temporary file in the same
   * directory, written and forced to disk, then moved over the target. Readers see the old file or
   * the new one, never a part.
   */
  static void writeAtomically(Path target, byte[] content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", fileAttributes(dir));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) channel.write(buffer);
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Creates {@code file} empty and 0600 if absent, in one step. Returns true if it created it. */
  static boolean createIfAbsent(Path file) throws IOException {
    try {
      Files.createFile(file, fileAttributes(file));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }
}
