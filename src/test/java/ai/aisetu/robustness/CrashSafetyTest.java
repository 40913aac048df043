package ai.aisetu.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.admin.AdminGraphQLError;
import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.ErrorCode;
import ai.aisetu.admin.model.ApiKey;
import ai.aisetu.admin.model.CreatedApiKey;
import ai.aisetu.admin.model.RotatedApiKey;
import ai.aisetu.admin.model.Workspace;
import ai.aisetu.local.LocalControlPlane;
import ai.aisetu.local.LocalControlPlaneMain;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local control plane as its own process on a SQLite file, killed with SIGKILL while two
 * clients stream writes at it (create workspace, create key, rotate key, delete workspace), then
 * restarted on the same file, {@value #ROUNDS} times. After each restart: every mutation the
 * client saw acknowledged is there, and no mutation is half-applied: a deleted workspace has no
 * live key and no member; in a live workspace each key name has exactly one live key (a rotation
 * made the successor and revoked the predecessor, or neither).
 */
final class CrashSafetyTest {
  static final int ROUNDS = 3;
  static final int WRITERS = 2;
  static final int MIN_ACKS_BEFORE_KILL = 20;

  @TempDir Path state;

  /** What the clients saw acknowledged. */
  private final Set<String> created = ConcurrentHashMap.newKeySet();
  private final Set<String> deleteAttempted = ConcurrentHashMap.newKeySet();
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();
  private final Map<String, String> liveKeyOf = new ConcurrentHashMap<>(); // workspace -> acked live key
  private final Set<String> rotatedAway = ConcurrentHashMap.newKeySet();
  private final AtomicInteger acks = new AtomicInteger();

  @Test
  void sigkillDuringWritesLosesNoAcknowledgedMutationAndHalfAppliesNone() throws Exception {
    Path xdg = state.resolve("xdg");
    Path db = state.resolve("control-plane.db");
    String pat;
    try (LocalControlPlane plane = LocalControlPlane.builder().databaseFile(db)
        .stateDir(xdg.resolve("ai-setu-mcp").resolve("local")).environment(Map.of()).build().start()) {
      pat = Accounts.signUp(plane, "crash@example.com").secret();
    }
    Random random = new Random(RobustnessSummary.SEED);
    int mutationsAcked = 0;
    int port = freePort();
    JavaProcess plane = startPlane(db, xdg, port);
    try {
      for (int round = 1; round <= ROUNDS; round++) {
        acks.set(0);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          String prefix = "r" + round + "w" + w + "-";
          Thread writer = new Thread(() -> write(port, pat, prefix), "crash-writer-" + w);
          writer.setDaemon(true);
          writer.start();
          writers.add(writer);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (acks.get() < MIN_ACKS_BEFORE_KILL && System.nanoTime() < deadline) Thread.sleep(10);
        Thread.sleep(random.nextInt(200));
        plane.kill(); // SIGKILL, writes in flight.
        for (Thread writer : writers) writer.join(10_000);
        mutationsAcked += acks.get();
        assertThat(acks.get()).as("acknowledged writes before the kill").isGreaterThanOrEqualTo(MIN_ACKS_BEFORE_KILL);

        plane = startPlane(db, xdg, port);
        verify(port, pat, db);
      }
    } finally {
      plane.process.destroy();
      plane.awaitExit(Duration.ofSeconds(10));
    }
    RobustnessSummary.cases("crash safety: SIGKILL during writes, restart", ROUNDS, 0);
    RobustnessSummary.note("crash safety: " + ROUNDS + " SIGKILLs under " + WRITERS + " writers; "
        + mutationsAcked + " acknowledged mutations all present; " + created.size() + " workspaces created, "
        + deleted.size() + " deleted, " + rotatedAway.size() + " rotations; no half-applied delete or rotate");
    RobustnessSummary.write();
  }

  /** Streams mutations until the plane dies; records each acknowledged one. */
  private void write(int port, String pat, String prefix) {
    try (AiSetuAdmin admin = Accounts.admin("http://127.0.0.1:" + port, pat)) {
      for (int i = 0; i < 100_000; i++) {
        Workspace workspace = admin.workspaces().create(prefix + i);
        ack(() -> created.add(workspace.id()));
        CreatedApiKey key = admin.apiKeys().create(workspace.id(), "key");
        ack(() -> liveKeyOf.put(workspace.id(), key.apiKey().id()));
        RotatedApiKey rotated = admin.apiKeys().rotate(key.apiKey().id(), null);
        ack(() -> {
          rotatedAway.add(rotated.previous().id());
          liveKeyOf.put(workspace.id(), rotated.apiKey().id());
        });
        if (i % 3 == 0) {
          deleteAttempted.add(workspace.id());
          admin.workspaces().delete(workspace.id());
          ack(() -> deleted.add(workspace.id()));
        }
      }
    } catch (RuntimeException e) {
      // The plane was killed: the mutation in flight is unacknowledged.
    }
  }

  private void ack(Runnable record) {
    record.run();
    acks.incrementAndGet();
  }

  private void verify(int port, String pat, Path db) throws Exception {
    try (AiSetuAdmin admin = Accounts.admin("http://127.0.0.1:" + port, pat)) {
      Set<String> present = ConcurrentHashMap.newKeySet();
      admin.workspaces().list().forEach(w -> present.add(w.id()));
      for (String id : created) {
        if (deleted.contains(id)) {
          assertThat(present).as("acknowledged delete of %s", id).doesNotContain(id);
        } else if (!deleteAttempted.contains(id)) {
          assertThat(present).as("acknowledged create of %s", id).contains(id);
        }
      }
      for (Map.Entry<String, String> e : liveKeyOf.entrySet()) {
        if (!present.contains(e.getKey())) continue;
        List<ApiKey> keys = admin.apiKeys().list(e.getKey());
        ApiKey live = keys.stream().filter(k -> k.id().equals(e.getValue())).findFirst().orElse(null);
        assertThat(live).as("acknowledged key %s", e.getValue()).isNotNull();
        if (rotatedAway.contains(live.id())) continue; // A later, unacknowledged rotation may have committed.
        for (ApiKey key : keys) {
          if (rotatedAway.contains(key.id())) assertThat(key.revokedAt()).as("rotated-away key").isNotNull();
        }
      }
      for (String id : deleted) {
        try {
          admin.apiKeys().list(id);
          throw new AssertionError("deleted workspace " + id + " still answers");
        } catch (AdminGraphQLError e) {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
        }
      }
    }
    assertStoreInvariants(db);
  }

  /** Straight from the file: what no crash may leave behind, acknowledged or not. */
  private static void assertStoreInvariants(Path db) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement sql = connection.createStatement()) {
      assertThat(count(sql, "SELECT COUNT(*) FROM api_keys k WHERE k.revoked_at IS NULL"
          + " AND NOT EXISTS (SELECT 1 FROM workspaces w WHERE w.id = k.workspace_id)"))
          .as("live keys of deleted workspaces").isZero();
      assertThat(count(sql, "SELECT COUNT(*) FROM members m"
          + " WHERE NOT EXISTS (SELECT 1 FROM workspaces w WHERE w.id = m.workspace_id)"))
          .as("members of deleted workspaces").isZero();
      assertThat(count(sql, "SELECT COUNT(*) FROM (SELECT k.workspace_id, k.name FROM api_keys k"
          + " JOIN workspaces w ON w.id = k.workspace_id GROUP BY k.workspace_id, k.name"
          + " HAVING SUM(k.revoked_at IS NULL) <> 1)"))
          .as("live workspaces whose key name has not exactly one live key (a half rotation)").isZero();
      assertThat(count(sql, "SELECT COUNT(*) FROM workspaces w WHERE w.name LIKE 'r%w%-%'"
          + " AND NOT EXISTS (SELECT 1 FROM members m WHERE m.workspace_id = w.id AND m.role = 'OWNER')"))
          .as("workspaces without their OWNER").isZero();
    }
  }

  private static long count(Statement sql, String query) throws Exception {
    try (ResultSet rows = sql.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static JavaProcess startPlane(Path db, Path xdg, int port) throws Exception {
    JavaProcess plane = JavaProcess.start(LocalControlPlaneMain.class,
        List.of("--port", String.valueOf(port), "--db", db.toString()),
        Map.of("XDG_STATE_HOME", xdg.toString()), "128m", false);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return plane;
      } catch (java.io.IOException e) {
        assertThat(plane.isAlive()).as("plane process alive: %s", plane.stderr).isTrue();
        Thread.sleep(50);
      }
    }
    throw new AssertionError("the plane did not listen within 20 s: " + plane.stderr);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
