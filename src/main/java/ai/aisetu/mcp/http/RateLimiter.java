package ai.aisetu.mcp.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller: {@code perMinute} tool calls of burst, refilled at {@code perMinute}
 * per minute.
 */
final class RateLimiter {
  private static final int MAX_BUCKETS = 10_000;

  private final double capacity;
  private final double perNano;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }

  RateLimiter(int perMinute) {
    this.capacity = perMinute;
    this.perNano = perMinute / 60e9;
  }

  /** Takes one token: 0 if allowed, else the whole seconds to wait before the next one. */
  long acquire(String callerId) {
    long now = System.nanoTime();
    if (buckets.size() >= MAX_BUCKETS && !buckets.containsKey(callerId)) buckets.clear();
    Bucket bucket = buckets.computeIfAbsent(callerId, id -> new Bucket(capacity, now));
    synchronized (bucket) {
      bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updated) * perNano);
      bucket.updated = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perNano / 1e9));
    }
  }
}
