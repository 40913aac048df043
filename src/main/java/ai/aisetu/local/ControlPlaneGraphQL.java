package ai.aisetu.local;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.language.StringValue;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.TypeRuntimeWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executable schema: {@code schema/schema-public.gql} from the classpath, parsed as is, with a
 * data fetcher per root field. Queries need {@code admin:read}, mutations {@code admin:write}
 * (checked here, before any resolver runs); the login-code mutations need no token.
 */
final class ControlPlaneGraphQL {
  static final String SCHEMA_RESOURCE = "/schema/schema-public.gql";
  /** Root fields that work without a token. Introspection ({@code __schema}, {@code __type}) does too. */
  static final Set<String> PUBLIC_FIELDS = Set.of("requestLoginCode", "verifyLoginCode", "__schema", "__type", "__typename");

  private static final Logger log = LoggerFactory.getLogger(ControlPlaneGraphQL.class);
  private static final Pattern LITERAL = Pattern.compile("value='[^']*'");
  private static final Pattern ARGUMENT = Pattern.compile("argument '(\\w+)'");
  private static final Pattern VARIABLE = Pattern.compile("[Vv]ariable '(\\w+)'");

  private final GraphQL graphQL;

  ControlPlaneGraphQL(Services s) {
    RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
        .scalar(DATE_TIME)
        .type(TypeRuntimeWiring.newTypeWiring("Query")
            .dataFetcher("viewer", read((env, c) -> s.accounts().viewer(c)))
            .dataFetcher("workspaces", read((env, c) -> s.workspaces().list(c)))
            .dataFetcher("workspace", read((env, c) -> s.workspaces().get(c, env.getArgument("id"))))
            .dataFetcher("workspaceMembers", read((env, c) -> s.workspaces().members(c, env.getArgument("workspaceId"))))
            .dataFetcher("apiKeys", read((env, c) -> s.apiKeys().list(c, env.getArgument("workspaceId"))))
            .dataFetcher("creditBalance", read((env, c) -> s.billing().balance(c, env.getArgument("tenantId"))))
            .dataFetcher("topUps", read((env, c) -> s.billing().topUps(c, env.getArgument("tenantId"))))
            .dataFetcher("usageProjection", read((env, c) -> s.billing().projection(c, env.getArgument("tenantId"))))
            .dataFetcher("personalAccessTokens", read((env, c) -> s.pats().list(c)))
            .dataFetcher("providerAvailability", read((env, c) -> ProviderCredentials.AVAILABILITY))
            .dataFetcher("providerCredentials", read((env, c) -> s.credentials().list(c))))
        .type(TypeRuntimeWiring.newTypeWiring("Mutation")
            .dataFetcher("createWorkspace", write((env, c) -> s.workspaces().create(c, env.getArgument("name"))))
            .dataFetcher("renameWorkspace", write((env, c) ->
                s.workspaces().rename(c, env.getArgument("id"), env.getArgument("name"))))
            .dataFetcher("deleteWorkspace", write((env, c) -> s.workspaces().delete(c, env.getArgument("id"))))
            .dataFetcher("createApiKey", write((env, c) ->
                s.apiKeys().create(c, env.getArgument("workspaceId"), env.getArgument("name"))))
            .dataFetcher("rotateApiKey", write((env, c) ->
                s.apiKeys().rotate(c, env.getArgument("id"), env.getArgument("gracePeriodSeconds"))))
            .dataFetcher("revokeApiKey", write((env, c) -> s.apiKeys().revoke(c, env.getArgument("id"))))
            .dataFetcher("inviteMember", write((env, c) -> s.workspaces().invite(c, env.getArgument("workspaceId"),
                env.getArgument("email"), env.getArgument("role"))))
            .dataFetcher("setMemberRole", write((env, c) -> s.workspaces().setRole(c, env.getArgument("workspaceId"),
                env.getArgument("memberId"), env.getArgument("role"))))
            .dataFetcher("removeMember", write((env, c) ->
                s.workspaces().remove(c, env.getArgument("workspaceId"), env.getArgument("memberId"))))
            .dataFetcher("createTopUpIntent", write((env, c) -> s.billing().createTopUpIntent(c,
                env.getArgument("tenantId"), env.getArgument("amountCents"), env.getArgument("currency"),
                env.getArgument("idempotencyKey"))))
            .dataFetcher("createPersonalAccessToken", write((env, c) -> s.pats().create(c, env.getArgument("name"),
                env.getArgument("scopes"), env.getArgument("expiresInDays"))))
            .dataFetcher("revokePersonalAccessToken", write((env, c) -> s.pats().revoke(c, env.getArgument("id"))))
            .dataFetcher("upsertProviderCredential", write((env, c) ->
                s.credentials().upsert(c, env.getArgument("input"))))
            .dataFetcher("testProviderCredential", write((env, c) -> s.credentials().test(c, env.getArgument("id"))))
            .dataFetcher("revokeProviderCredential", write((env, c) -> s.credentials().revoke(c, env.getArgument("id"))))
            .dataFetcher("requestLoginCode", env -> s.logins().request(env.getArgument("email")))
            .dataFetcher("verifyLoginCode", env -> s.logins().verify(env.getArgument("email"), env.getArgument("code"),
                env.getArgument("patName"), env.getArgument("scopes"))))
        .build();
    GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(registry(), wiring);
    this.graphQL = GraphQL.newGraphQL(schema).defaultDataFetcherExceptionHandler(new ErrorHandler()).build();
  }

  static TypeDefinitionRegistry registry() {
    return new SchemaParser().parse(sdl());
  }

  /** The contract, exactly as shipped on the classpath. */
  static String sdl() {
    try (InputStream in = ControlPlaneGraphQL.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs one request. {@code caller} is null for public operations. Errors that graphql-java
   * raises itself (validation, variable coercion) are classified {@code BAD_USER_INPUT} with the
   * argument they concern in {@code extensions.field}.
   */
  Map<String, Object> execute(String query, String operationName, Map<String, Object> variables, Caller caller) {
    ExecutionInput.Builder input = ExecutionInput.newExecutionInput().query(query).operationName(operationName)
        .variables(variables == null ? Map.of() : variables);
    if (caller != null) input.graphQLContext(Map.of(Caller.class, caller));
    ExecutionResult result = graphQL.execute(input.build());
    Map<String, Object> spec = new LinkedHashMap<>(result.toSpecification());
    if (!result.getErrors().isEmpty()) {
      List<Map<String, Object>> errors = new ArrayList<>();
      for (GraphQLError error : result.getErrors()) errors.add(classify(error, query));
      spec.put("errors", errors);
    }
    return spec;
  }

  private static Map<String, Object> classify(GraphQLError error, String query) {
    Map<String, Object> out = new LinkedHashMap<>(error.toSpecification());
    Map<String, Object> extensions = error.getExtensions() == null ? new LinkedHashMap<>()
        : new LinkedHashMap<>(error.getExtensions());
    if (!extensions.containsKey("code")) {
      // graphql-java quotes literal values in its messages; a literal may be a secret.
      out.put("message", LITERAL.matcher(error.getMessage()).replaceAll("value='…'"));
      extensions.put("code", ErrorCode.BAD_USER_INPUT.name());
      String field = argumentOf(error.getMessage(), query);
      if (field != null) extensions.put("field", field);
      extensions.remove("classification");
    }
    out.put("extensions", extensions);
    return out;
  }

  /** The argument an error names, directly or through the variable bound to it. */
  static String argumentOf(String message, String query) {
    if (message == null) return null;
    Matcher argument = ARGUMENT.matcher(message);
    if (argument.find()) return argument.group(1);
    Matcher variable = VARIABLE.matcher(message);
    if (!variable.find()) return null;
    String name = variable.group(1);
    Matcher use = Pattern.compile("(\\w+)\\s*:\\s*\\$" + name + "\\b").matcher(query == null ? "" : query);
    return use.find() ? use.group(1) : name;
  }

  private static DataFetcher<Object> read(BiFunction<DataFetchingEnvironment, Caller, Object> resolver) {
    return scoped(Caller.READ, resolver);
  }

  private static DataFetcher<Object> write(BiFunction<DataFetchingEnvironment, Caller, Object> resolver) {
    return scoped(Caller.WRITE, resolver);
  }

  private static DataFetcher<Object> scoped(String scope, BiFunction<DataFetchingEnvironment, Caller, Object> resolver) {
    return env -> {
      Caller caller = env.getGraphQlContext().get(Caller.class);
      if (caller == null) throw ApiException.unauthenticated("this field needs a PAT: send Authorization: Bearer tt_pat_…");
      if (!caller.has(scope)) {
        throw ApiException.unauthorized(env.getField().getName() + " needs the " + scope + " scope; this PAT has "
            + String.join(", ", caller.scopes()) + ". Mint a PAT with " + scope);
      }
      return resolver.apply(env, caller);
    };
  }

  /** Rules become coded errors; anything else is INTERNAL, logged here and never shown. */
  private static final class ErrorHandler implements DataFetcherExceptionHandler {
    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
        graphql.execution.DataFetcherExceptionHandlerParameters params) {
      Throwable e = params.getException();
      while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) e = e.getCause();
      GraphqlErrorBuilder<?> error = GraphqlErrorBuilder.newError(params.getDataFetchingEnvironment());
      if (e instanceof ApiException) {
        ApiException api = (ApiException) e;
        error.message(api.getMessage()).extensions(api.extensions());
      } else {
        log.warn("{} failed: {}", params.getPath(), e.getClass().getName(), e);
        error.message("internal error on the local control plane; see its log")
            .extensions(Map.of("code", ErrorCode.INTERNAL.name()));
      }
      return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error.build()).build());
    }
  }

  /** ISO-8601 instants in UTC with a {@code Z} suffix. */
  static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
      .name("DateTime")
      .description("An instant in UTC, ISO-8601 with a `Z` suffix, e.g. `2026-12-04T10:15:30Z`.")
      .coercing(new Coercing<Instant, String>() {
        @Override
        @SuppressWarnings("deprecation")
        public String serialize(Object value) {
          if (value instanceof Instant) return value.toString();
          throw new CoercingSerializeException("DateTime needs an Instant, got " + value.getClass().getSimpleName());
        }

        @Override
        @SuppressWarnings("deprecation")
        public Instant parseValue(Object input) {
          try {
            return Instant.parse(String.valueOf(input));
          } catch (DateTimeParseException e) {
            throw new CoercingParseValueException("DateTime is ISO-8601 in UTC, like 2026-12-04T10:15:30Z");
          }
        }

        @Override
        @SuppressWarnings("deprecation")
        public Instant parseLiteral(Object input) {
          if (input instanceof StringValue) {
            try {
              return Instant.parse(((StringValue) input).getValue());
            } catch (DateTimeParseException e) {
              // fall through
            }
          }
          throw new CoercingParseLiteralException("DateTime is ISO-8601 in UTC, like 2026-12-04T10:15:30Z");
        }
      })
      .build();
}
