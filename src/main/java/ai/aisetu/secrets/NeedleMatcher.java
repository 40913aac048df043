package ai.aisetu.secrets;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable Aho–Corasick automaton over a fixed set of needles, each with a replacement. One
 * pass over the text reports every occurrence of every needle; {@link Redactor} then keeps the
 * leftmost-longest non-overlapping ones. Built once per change of the secret registry and shared
 * by every thread that redacts.
 */
final class NeedleMatcher {
  static final NeedleMatcher EMPTY = new NeedleMatcher(List.of(), List.of());

  /** Transitions in compressed rows: the edges of state s are [edgeStart[s], edgeStart[s+1]). */
  private final int[] edgeStart;

  private final char[] edgeChar;
  private final int[] edgeTarget;
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
    this.replacements = replacementOf.toArray(new String[0]);

    // Insert the needles in sorted order: each shares a path with its predecessor up to their
    // common prefix, and every state's children are created in increasing character order.
    Integer[] order = new Integer[needles.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> needles.get(a).compareTo(needles.get(b)));
    int capacity = 1 + needles.stream().mapToInt(String::length).sum();
    int[] length = new int[capacity];
    int[] replacement = new int[capacity];
    int[] parentOf = new int[capacity];
    char[] charOf = new char[capacity];
    int[] path = new int[1 + needles.stream().mapToInt(String::length).max().orElse(0)];
    int stateCount = 1;
    String previous = "";
    for (int n : order) {
      String needle = needles.get(n);
      if (needle.isEmpty()) continue;
      int common = 0;
      int limit = Math.min(previous.length(), needle.length());
      while (common < limit && previous.charAt(common) == needle.charAt(common)) common++;
      for (int depth = common; depth < needle.length(); depth++) {
        int state = stateCount++;
        parentOf[state] = path[depth];
        charOf[state] = needle.charAt(depth);
        path[depth + 1] = state;
      }
      int end = path[needle.length()];
      if (length[end] == 0) {
        length[end] = needle.length();
        replacement[end] = n;
      }
      previous = needle;
    }
    this.needleLength = Arrays.copyOf(length, stateCount);
    this.needleReplacement = Arrays.copyOf(replacement, stateCount);

    // Compressed rows, by a stable counting sort of the states on their parent.
    edgeStart = new int[stateCount + 1];
    for (int s = 1; s < stateCount; s++) edgeStart[parentOf[s] + 1]++;
    for (int s = 0; s < stateCount; s++) edgeStart[s + 1] += edgeStart[s];
    edgeChar = new char[Math.max(0, stateCount - 1)];
    edgeTarget = new int[Math.max(0, stateCount - 1)];
    int[] fill = Arrays.copyOf(edgeStart, stateCount);
    for (int s = 1; s < stateCount; s++) {
      int at = fill[parentOf[s]]++;
      edgeChar[at] = charOf[s];
      edgeTarget[at] = s;
    }
    for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
      if (edgeChar[e] < 128) rootAscii[edgeChar[e]] = edgeTarget[e];
    }

    // Breadth-first failure and output links.
    fail = new int[stateCount];
    outputLink = new int[stateCount];
    outputLink[0] = -1;
    int[] queue = new int[stateCount];
    int head = 0;
    int tail = 0;
    for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
      outputLink[edgeTarget[e]] = -1;
      queue[tail++] = edgeTarget[e];
    }
    while (head < tail) {
      int state = queue[head++];
      for (int e = edgeStart[state]; e < edgeStart[state + 1]; e++) {
        char c = edgeChar[e];
        int child = edgeTarget[e];
        int f = fail[state];
        int next;
        while ((next = transition(f, c)) < 0 && f != 0) f = fail[f];
        fail[child] = next < 0 ? 0 : next;
        int link = fail[child];
        outputLink[child] = needleLength[link] > 0 ? link : outputLink[link];
        queue[tail++] = child;
      }
    }
  }

  boolean isEmpty() {
    return replacements.length == 0;
  }

  int replacementCount() {
    return replacements.length;
  }

  String replacement(int index) {
    return replacements[index];
  }

  /**
   * Appends every occurrence in {@code text} to {@code matches} as triples (start, end,
   * replacement index + {@code offset}).
   */
  void findAll(CharSequence text, MatchList matches, int offset) {
    if (isEmpty()) return;
    int state = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      int next;
      while ((next = transition(state, c)) < 0 && state != 0) state = fail[state];
      state = next < 0 ? 0 : next;
      for (int s = needleLength[state] > 0 ? state : outputLink[state]; s > 0; s = outputLink[s]) {
        matches.add(i + 1 - needleLength[s], i + 1, needleReplacement[s] + offset);
      }
    }
  }

  private int transition(int state, char c) {
    if (state == 0 && c < 128) {
      int t = rootAscii[c];
      return t == 0 ? -1 : t;
    }
    int from = edgeStart[state];
    int to = edgeStart[state + 1];
    if (to - from == 1) return edgeChar[from] == c ? edgeTarget[from] : -1;
    int i = Arrays.binarySearch(edgeChar, from, to, c);
    return i >= 0 ? edgeTarget[i] : -1;
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
