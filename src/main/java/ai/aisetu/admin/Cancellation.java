package ai.aisetu.admin;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Cancels control-plane calls, like an {@code AbortSignal}. Pass it as the last argument of any
 * {@link AiSetuAdmin} method; {@link #cancel()} from any thread aborts the HTTP call in flight, and
 * the method then throws {@link AdminCancelledException}. A call started after {@code cancel()}
 * fails at once without sending anything.
 *
 * <pre>{@code
 * Cancellation cancellation = Cancellation.create();
 * onClientCancelled(cancellation::cancel);
 * List<Workspace> workspaces = admin.workspaces().list(cancellation);
 * }</pre>
 *
 * <p>Thread-safe. Cancelling is permanent; use one per logical request.
 */
public final class Cancellation {
  private final Object lock = new Object();
  private List<Runnable> listeners = new ArrayList<>(); // null once cancelled.

  private Cancellation() {}

  public static Cancellation create() {
    return new Cancellation();
  }

  /** Cancels every call using this, now and later. Idempotent. */
  public void cancel() {
    List<Runnable> toRun;
    synchronized (lock) {
      if (listeners == null) return;
      toRun = listeners;
      listeners = null;
    }
    for (Runnable listener : toRun) listener.run();
  }

  public boolean isCancelled() {
    synchronized (lock) {
      return listeners == null;
    }
  }

  /**
   * Runs {@code action} on {@link #cancel()}, or at once if already cancelled, until the returned
   * registration is closed. The transport uses this to abort its HTTP call.
   */
  public Registration onCancel(Runnable action) {
    requireNonNull(action, "action == null");
    synchronized (lock) {
      if (listeners != null) {
        listeners.add(action);
        return () -> {
          synchronized (lock) {
            if (listeners != null) listeners.remove(action);
          }
        };
      }
    }
    action.run();
    return () -> {};
  }

  /** Stops a listener registered with {@link #onCancel(Runnable)}. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
