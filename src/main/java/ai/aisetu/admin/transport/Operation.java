package ai.aisetu.admin.transport;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One hand-written GraphQL operation: the document {@code operations/<name>.graphql} on the class
 * path, its operation name (the PascalCase of {@code name}, e.g. {@code api_keys_rotate} →
 * {@code ApiKeysRotate}), the single root field it selects, and the type its result decodes to.
 *
 * <pre>{@code
 * static final Operation<RotatedApiKey> API_KEYS_ROTATE =
 *     Operation.mutation("api_keys_rotate", "rotateApiKey", RotatedApiKey.class);
 * }</pre>
 *
 * Queries may be retried by the transport; mutations never are.
 */
public final class Operation<T> {
  /** The GraphQL operation type. */
  public enum Type {
    QUERY,
    MUTATION
  }

  private final String name;
  private final String operationName;
  private final String rootField;
  private final Type type;
  private final Class<?> resultClass;
  private final boolean list;
  private volatile String document;

  private Operation(String name, String rootField, Type type, Class<?> resultClass, boolean list) {
    this.name = requireNonNull(name, "name == null");
    this.rootField = requireNonNull(rootField, "rootField == null");
    this.type = type;
    this.resultClass = requireNonNull(resultClass, "resultClass == null");
    this.list = list;
    this.operationName = pascalCase(name);
  }

  public static <T> Operation<T> query(String name, String rootField, Class<T> resultClass) {
    return new Operation<>(name, rootField, Type.QUERY, resultClass, false);
  }

  public static <E> Operation<List<E>> queryList(
      String name, String rootField, Class<E> elementClass) {
    return new Operation<>(name, rootField, Type.QUERY, elementClass, true);
  }

  public static <T> Operation<T> mutation(String name, String rootField, Class<T> resultClass) {
    return new Operation<>(name, rootField, Type.MUTATION, resultClass, false);
  }

  /** The document's file name without {@code .graphql}, also the name of the MCP tool it backs. */
  public String name() {
    return name;
  }

  /** The GraphQL operation name, e.g. {@code ApiKeysRotate}. */
  public String operationName() {
    return operationName;
  }

  /** The root field of {@code Query} or {@code Mutation} the document selects. */
  public String rootField() {
    return rootField;
  }

  public Type type() {
    return type;
  }

  /** The record the root field decodes to; for a list, the element record. */
  public Class<?> resultClass() {
    return resultClass;
  }

  /** Whether the root field is a list of {@link #resultClass()}. */
  public boolean returnsList() {
    return list;
  }

  /** The resource path of the document, {@code operations/<name>.graphql}. */
  public String resourcePath() {
    return "operations/" + name + ".graphql";
  }

  /** The document text, read once from the class path. */
  public String document() {
    String result = document;
    if (result == null) {
      try (InputStream in = Operation.class.getClassLoader().getResourceAsStream(resourcePath())) {
        if (in == null) throw new IllegalStateException("missing resource " + resourcePath());
        result = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resourcePath(), e);
      }
      document = result;
    }
    return result;
  }

  static String pascalCase(String snake) {
    StringBuilder result = new StringBuilder();
    for (String part : snake.split("_")) {
      if (part.isEmpty()) continue;
      result.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return result.toString();
  }

  @Override
  public String toString() {
    return operationName;
  }
}
