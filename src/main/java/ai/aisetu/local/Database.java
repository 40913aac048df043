package ai.aisetu.local;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The SQLite store: one connection guarded by one lock, so reads and writes are serialised
 * and every {@link #transaction} is all-or-nothing. Migrations are numbered scripts under
 * {@code ai/aisetu/local/db/} applied in order and recorded in {@code schema_version}.
 */
final class Database implements AutoCloseable {
  /** Numbered migration scripts, applied in this order; append, never edit. */
  static final List<String> MIGRATIONS = List.of("V001__initial.sql");

  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();

  private Database(Connection connection) {
    this.connection = connection;
  }

  static Database inMemory() {
    return open("jdbc:sqlite::memory:");
  }

  static Database file(Path file) {
    requireNonNull(file, "file == null");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Database db = open("jdbc:sqlite:" + file.toAbsolutePath());
    db.pragma("PRAGMA journal_mode=WAL");
    return db;
  }

  private static Database open(String url) {
    try {
      Database db = new Database(DriverManager.getConnection(url));
      db.pragma("PRAGMA foreign_keys=ON");
      db.pragma("PRAGMA secure_delete=ON");
      db.migrate();
      return db;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the control-plane database: " + e.getMessage(), e);
    }
  }

  private void pragma(String sql) {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
    }
  }

  private void migrate() {
    transaction(tx -> {
      tx.update("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, script TEXT NOT NULL, applied_at INTEGER NOT NULL)");
      long current = tx.one("SELECT COALESCE(MAX(version), 0) AS v FROM schema_version", r -> r.getLong("v")).orElse(0L);
      for (int i = (int) current; i < MIGRATIONS.size(); i++) {
        String script = MIGRATIONS.get(i);
        String sql = read(script).replaceAll("(?m)^--.*$", "");
        for (String statement : sql.split(";")) {
          if (!statement.isBlank()) tx.update(statement);
        }
        tx.update("INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)",
            i + 1, script, System.currentTimeMillis());
      }
      return null;
    });
  }

  private static String read(String script) {
    try (InputStream in = Database.class.getResourceAsStream("db/" + script)) {
      if (in == null) throw new IllegalStateException("missing migration " + script);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int schemaVersion() {
    return transaction(tx -> tx.one("SELECT MAX(version) AS v FROM schema_version", r -> r.getInt("v")).orElse(0));
  }

  /** Every row of every table, as text, in storage order: lets tests prove a failed call changed nothing. */
  java.util.Map<String, List<String>> snapshot() {
    return transaction(tx -> {
      java.util.Map<String, List<String>> tables = new java.util.TreeMap<>();
      for (String table : tx.list("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
          r -> r.getString(1))) {
        tables.put(table, tx.list("SELECT * FROM " + table + " ORDER BY rowid", r -> {
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
            Object value = r.getObject(i);
            row.append(value instanceof byte[] ? java.util.HexFormat.of().formatHex((byte[]) value) : value).append('|');
          }
          return row.toString();
        }));
      }
      return tables;
    });
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  <T> T transaction(Function<Tx, T> work) {
    lock.lock();
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.apply(new Tx());
        connection.commit();
        return result;
      } catch (RuntimeException | Error e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("database failure: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing; nothing to do
    } finally {
      lock.unlock();
    }
  }

  /** Maps one row. */
  interface Row<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** The statements available inside a transaction. */
  final class Tx {
    int update(String sql, Object... args) {
      try (PreparedStatement s = prepare(sql, args)) {
        return s.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException("database failure: " + e.getMessage(), e);
      }
    }

    <T> List<T> list(String sql, Row<T> row, Object... args) {
      try (PreparedStatement s = prepare(sql, args); ResultSet rs = s.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) out.add(row.map(rs));
        return out;
      } catch (SQLException e) {
        throw new IllegalStateException("database failure: " + e.getMessage(), e);
      }
    }

    <T> Optional<T> one(String sql, Row<T> row, Object... args) {
      List<T> all = list(sql, row, args);
      return all.isEmpty() ? Optional.empty() : Optional.ofNullable(all.get(0));
    }

    long count(String sql, Object... args) {
      return one(sql, r -> r.getLong(1), args).orElse(0L);
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
      PreparedStatement s = connection.prepareStatement(sql);
      for (int i = 0; i < args.length; i++) s.setObject(i + 1, args[i]);
      return s;
    }
  }
}
