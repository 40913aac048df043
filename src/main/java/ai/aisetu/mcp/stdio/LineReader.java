package ai.aisetu.mcp.stdio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines ending with {@code \n} (a preceding {@code \r} is dropped),
 * holding at most {@code maxLineBytes} of a line in memory: the rest of a longer line is skipped
 * and the line reported as too long.
 */
final class LineReader {
  /** One line: its bytes, or {@code tooLong} with the bytes dropped. */
  record Line(byte[] bytes, boolean tooLong) {}

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;

  LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** {@code bytes} as text, or null if they are not valid UTF-8. */
  static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  InputStream input() {
    return in;
  }

  int maxLineBytes() {
    return maxLineBytes;
  }

  /** The next line, or null at end of input. A last line without {@code \n} is still returned. */
  Line next() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean tooLong = false;
    boolean sawAny = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return sawAny ? finish(line, tooLong) : null;
        }
      }
      sawAny = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') position++;
      int length = position - start;
      if (!tooLong) {
        if (line.size() + length > maxLineBytes) {
          tooLong = true;
          line = new ByteArrayOutputStream();
        } else {
          line.write(buffer, start, length);
        }
      }
      if (position < limit) { // Found '\n'.
        position++;
        return finish(line, tooLong);
      }
    }
  }

  private static Line finish(ByteArrayOutputStream line, boolean tooLong) {
    if (tooLong) return new Line(new byte[0], true);
    byte[] bytes = line.toByteArray();
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\r') {
      bytes = java.util.Arrays.copyOf(bytes, length - 1);
    }
    return new Line(bytes, false);
  }
}
