package ai.aisetu.secrets;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable Aho–Corasick automaton over a fixed set of needles, each with a replacement. One
 * pass over the text reports every occurrence of every needle; {@link Redactor} then keeps the
 * leftmost-longest non-overlapping ones. Built once per change of the secret registry and shared
 * by every thread that redacts.
 */
final class NeedleMatcher {
  static final NeedleMatcher EMPTY = new NeedleMatcher(List.of(), List.of());

  /** Transitions of each state: sorted characters and the matching target states. */
  private final char[][] keys;

  private final int[][] targets;
  /** Targets of the root for ASCII characters, the hot path of every step that falls back. */
  private final int[] rootAscii = new int[128];

  private final int[] fail;
  /** Length of the needle that ends exactly at this state, 0 if none. */
  private final int[] needleLength;
  /** Index into {@link #replacements} of the needle ending at this state. */
  private final int[] needleReplacement;
  /** The nearest state on the failure chain (excluding this one) that ends a needle, or -1. */
  private final int[] outputLink;

  private final String[] replacements;

  /**
   * @param needles the strings to find, each non-empty
   * @param replacementOf for each needle (same index), what replaces it
   */
  NeedleMatcher(List<String> needles, List<String> replacementOf) {
    if (needles.size() != replacementOf.size()) throw new IllegalArgumentException("size mismatch");
    Map<Long, Integer> edges = new HashMap<>();
    int stateCount = 1;
    int capacity = 1 + needles.stream().mapToInt(String::length).sum();
    int[] length = new int[capacity];
    int[] replacement = new int[capacity];
    for (int n = 0; n < needles.size(); n++) {
      String needle = needles.get(n);
      int state = 0;
      for (int i = 0; i < needle.length(); i++) {
        long edge = edge(state, needle.charAt(i));
        Integer next = edges.get(edge);
        if (next == null) {
          next = stateCount++;
          edges.put(edge, next);
        }
        state = next;
      }
      if (needle.length() > 0 && length[state] == 0) {
        length[state] = needle.length();
        replacement[state] = n;
      }
    }
    this.replacements = replacementOf.toArray(new String[0]);
    this.needleLength = Arrays.copyOf(length, stateCount);
    this.needleReplacement = Arrays.copyOf(replacement, stateCount);

    // Compile the edge map into per-state sorted arrays.
    int[] outDegree = new int[stateCount];
    for (long edge : edges.keySet()) outDegree[(int) (edge >>> 16)]++;
    keys = new char[stateCount][];
    targets = new int[stateCount][];
    for (int s = 0; s < stateCount; s++) {
      keys[s] = new char[outDegree[s]];
      targets[s] = new int[outDegree[s]];
    }
    long[] sorted = edges.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    int[] fill = new int[stateCount];
    for (long edge : sorted) {
      int from = (int) (edge >>> 16);
      keys[from][fill[from]] = (char) (edge & 0xFFFF);
      targets[from][fill[from]++] = edges.get(edge);
    }
    for (int i = 0; i < keys[0].length; i++) {
      if (keys[0][i] < 128) rootAscii[keys[0][i]] = targets[0][i];
    }

    // Breadth-first failure and output links.
    fail = new int[stateCount];
    outputLink = new int[stateCount];
    outputLink[0] = -1;
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int child : targets[0]) {
      fail[child] = 0;
      outputLink[child] = -1;
      queue.add(child);
    }
    while (!queue.isEmpty()) {
      int state = queue.poll();
      for (int i = 0; i < keys[state].length; i++) {
        char c = keys[state][i];
        int child = targets[state][i];
        int f = fail[state];
        int next;
        while ((next = transition(f, c)) < 0 && f != 0) f = fail[f];
        fail[child] = next < 0 || next == child ? 0 : next;
        int link = fail[child];
        outputLink[child] = needleLength[link] > 0 ? link : outputLink[link];
        queue.add(child);
      }
    }
  }

  boolean isEmpty() {
    return replacements.length == 0;
  }

  String replacement(int index) {
    return replacements[index];
  }

  /**
   * Appends every occurrence in {@code text} to {@code matches} as triples (start, end,
   * replacement index).
   */
  void findAll(CharSequence text, MatchList matches) {
    if (isEmpty()) return;
    int state = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      int next;
      while ((next = transition(state, c)) < 0 && state != 0) state = fail[state];
      state = next < 0 ? 0 : next;
      for (int s = needleLength[state] > 0 ? state : outputLink[state]; s > 0; s = outputLink[s]) {
        matches.add(i + 1 - needleLength[s], i + 1, needleReplacement[s]);
      }
    }
  }

  private int transition(int state, char c) {
    if (state == 0 && c < 128) {
      int t = rootAscii[c];
      return t == 0 ? -1 : t;
    }
    char[] k = keys[state];
    int i = Arrays.binarySearch(k, c);
    return i >= 0 ? targets[state][i] : -1;
  }

  private static long edge(int state, char c) {
    return ((long) state << 16) | c;
  }

  /** A growable list of (start, end, replacement) triples; replacement -1 means "computed". */
  static final class MatchList {
    int[] data = new int[24];
    int size;

    void add(int start, int end, int replacement) {
      if (size * 3 + 3 > data.length) data = Arrays.copyOf(data, data.length * 2);
      data[size * 3] = start;
      data[size * 3 + 1] = end;
      data[size * 3 + 2] = replacement;
      size++;
    }

    int start(int i) {
      return data[i * 3];
    }

    int end(int i) {
      return data[i * 3 + 1];
    }

    int replacement(int i) {
      return data[i * 3 + 2];
    }
  }
}
