package ai.aisetu.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.introspection.IntrospectionQueryBuilder;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.Definition;
import graphql.language.Description;
import graphql.language.Document;
import graphql.language.OperationTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.TypeName;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphqlTypeComparatorRegistry;
import graphql.schema.idl.DirectiveInfo;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the schema snapshot from a running control plane (the local one, or the real API):
 * runs the standard introspection query over HTTP and prints the result as SDL.
 *
 * <pre>
 * java -cp target/ai-setu-mcp.jar ai.aisetu.local.SchemaExport \
 *     --url http://127.0.0.1:8787/graphql --out schema/schema-public.gql [--pat tt_pat_…]
 * </pre>
 *
 * <p>{@link #canonical(String)} prints any SDL the same way, so two schemas are the same contract
 * exactly when their canonical forms are equal text.
 */
public final class SchemaExport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SchemaExport() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    URI url = null;
    Path out = Path.of("schema/schema-public.gql");
    String pat = System.getenv("AI_SETU_PAT");
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) usage(option + " needs a value");
      String value = args[++i];
      switch (option) {
        case "--url": url = URI.create(value); break;
        case "--out": out = Path.of(value); break;
        case "--pat": pat = value; break;
        default: usage("unknown option " + option);
      }
    }
    if (url == null) usage("--url is required");
    String sdl = export(url, pat);
    Files.writeString(out, sdl, StandardCharsets.UTF_8);
    System.err.println("wrote " + out + " from " + url);
  }

  private static void usage(String problem) {
    System.err.println(problem);
    System.err.println("usage: SchemaExport --url <graphql endpoint> [--out schema/schema-public.gql] [--pat tt_pat_…]");
    System.exit(2);
  }

  /** Introspects {@code endpoint} and returns the schema as canonical SDL. */
  public static String export(URI endpoint, String pat) throws IOException, InterruptedException {
    String query = IntrospectionQueryBuilder.build(IntrospectionQueryBuilder.Options.defaultOptions()
        .schemaDescription(true).isOneOf(false));
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query))));
    if (pat != null && !pat.isBlank()) request.header("Authorization", "Bearer " + pat);
    HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
        .send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      throw new IOException("introspection of " + endpoint + " answered HTTP " + response.statusCode());
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> body = JSON.readValue(response.body(), Map.class);
    Object errors = body.get("errors");
    if (errors instanceof List && !((List<?>) errors).isEmpty()) {
      throw new IOException("introspection of " + endpoint + " failed: " + errors);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) body.get("data");
    Document document = new IntrospectionResultToSchema().createSchemaDefinition(data);
    return print(new SchemaParser().buildRegistry(withSchemaDescription(document, data)));
  }

  /**
   * IntrospectionResultToSchema drops {@code __schema.description} and, for the standard root
   * names, the {@code schema} block itself; put both back.
   */
  private static Document withSchemaDescription(Document document, Map<String, Object> data) {
    Map<?, ?> schema = (Map<?, ?>) data.get("__schema");
    Object text = schema.get("description");
    if (!(text instanceof String)) return document;
    Description description = new Description((String) text, null, ((String) text).contains("\n"));
    List<Definition> definitions = new ArrayList<>();
    SchemaDefinition.Builder root = SchemaDefinition.newSchemaDefinition().description(description);
    for (String operation : List.of("query", "mutation", "subscription")) {
      Object type = schema.get(operation + "Type");
      if (type instanceof Map) {
        root.operationTypeDefinition(new OperationTypeDefinition(operation,
            new TypeName((String) ((Map<?, ?>) type).get("name"))));
      }
    }
    definitions.add(root.build());
    for (Definition<?> definition : document.getDefinitions()) {
      if (!(definition instanceof SchemaDefinition)) definitions.add(definition);
    }
    return document.transform(b -> b.definitions(definitions));
  }

  /** {@code sdl} printed the way {@link #export} prints. */
  public static String canonical(String sdl) {
    return print(new SchemaParser().parse(sdl));
  }

  private static String print(TypeDefinitionRegistry registry) {
    GraphQLSchema schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
    return new SchemaPrinter(SchemaPrinter.Options.defaultOptions()
        .setComparators(GraphqlTypeComparatorRegistry.AS_IS_REGISTRY)
        .includeSchemaDefinition(true)
        .includeScalarTypes(true)
        .includeDirectiveDefinition(name -> !DirectiveInfo.isGraphqlSpecifiedDirective(name))
        .includeDirectives(name -> !DirectiveInfo.isGraphqlSpecifiedDirective(name) || name.equals("deprecated")))
        .print(schema);
  }
}
