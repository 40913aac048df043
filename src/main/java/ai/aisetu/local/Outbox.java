package ai.aisetu.local;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local stand-in for email: one plain-text message file per login code in a folder,
 * named {@code <epoch-millis>-<sequence>-<random>.txt}, with {@code To:}, {@code Subject:} and {@code Date:}
 * headers, a blank line and the body.
 */
final class Outbox {
  record Message(String file, String to, String subject, Instant sentAt, String body) {}

  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

  private final Path dir;
  /** Orders messages written in the same millisecond (a fixed test clock). */
  private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();

  Outbox(Path dir) {
    this.dir = requireNonNull(dir, "dir == null");
    sequence.set(recent(Integer.MAX_VALUE).size());
  }

  Path dir() {
    return dir;
  }

  void deliverLoginCode(String email, String code, Instant now, long validSeconds) {
    String body = "Your AI Setu sign-in code is " + code + ".\n"
        + "It is valid for " + (validSeconds / 60) + " minutes and works once. "
        + "If you did not ask for it, ignore this message.\n";
    String text = "To: " + email + "\nSubject: Your AI Setu sign-in code\nDate: " + now + "\n\n" + body;
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(String.format("%013d-%09d-%s.txt", now.toEpochMilli(), sequence.incrementAndGet(), Ids.random(6)));
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the outbox " + dir, e);
    }
  }

  /** Newest first, at most {@code limit}. */
  List<Message> recent(int limit) {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> files = Files.list(dir)) {
      List<Message> out = new ArrayList<>();
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".txt"))
          .sorted(Comparator.comparing((Path f) -> f.getFileName().toString()).reversed()).limit(limit).toList()) {
        read(file).ifPresent(out::add);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The code in the newest message to {@code email}, if any. */
  Optional<String> latestLoginCode(String email) {
    String to = email.strip().toLowerCase(java.util.Locale.ROOT);
    return recent(Integer.MAX_VALUE).stream().filter(m -> m.to().equals(to)).findFirst().flatMap(m -> {
      Matcher matcher = CODE.matcher(m.body());
      return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    });
  }

  private static Optional<Message> read(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int split = text.indexOf("\n\n");
      if (split < 0) return Optional.empty();
      String to = "", subject = "";
      Instant date = Instant.EPOCH;
      for (String line : text.substring(0, split).split("\n")) {
        if (line.startsWith("To: ")) to = line.substring(4);
        else if (line.startsWith("Subject: ")) subject = line.substring(9);
        else if (line.startsWith("Date: ")) date = Instant.parse(line.substring(6));
      }
      return Optional.of(new Message(file.getFileName().toString(), to, subject, date, text.substring(split + 2)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
