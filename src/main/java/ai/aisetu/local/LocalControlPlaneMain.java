package ai.aisetu.local;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local control plane alone until interrupted:
 *
 * <pre>
 * java -cp target/ai-setu-mcp.jar ai.aisetu.local.LocalControlPlaneMain [--port 8787] [--db FILE | --in-memory]
 * </pre>
 *
 * Without {@code --port} it listens on 8787 (0 picks a free port); without {@code --db} it uses the
 * database in the user's state directory. Where the outbox is goes to stderr.
 */
public final class LocalControlPlaneMain {
  static final int DEFAULT_PORT = 8787;

  private LocalControlPlaneMain() {}

  public static void main(String[] args) throws InterruptedException {
    LocalControlPlane.Builder builder;
    try {
      builder = configure(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println("usage: LocalControlPlaneMain [--port N] [--db FILE | --in-memory]");
      System.exit(2);
      return;
    }
    LocalControlPlane plane = builder.build().start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      plane.close();
      stopped.countDown();
    }, "local-control-plane-shutdown"));
    stopped.await();
  }

  static LocalControlPlane.Builder configure(String[] args) {
    LocalControlPlane.Builder builder = LocalControlPlane.builder().port(DEFAULT_PORT);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port":
          builder.port(parsePort(value(args, ++i, "--port")));
          break;
        case "--db":
          builder.databaseFile(Path.of(value(args, ++i, "--db")));
          break;
        case "--in-memory":
          builder.inMemory();
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    return builder;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
    return args[i];
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port < 0 || port > 65_535) throw new NumberFormatException();
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port must be 0 to 65535, got " + text);
    }
  }
}
