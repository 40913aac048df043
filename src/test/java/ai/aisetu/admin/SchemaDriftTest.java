package ai.aisetu.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aisetu.admin.model.Workspace;
import ai.aisetu.admin.transport.Operation;
import graphql.schema.GraphQLFieldDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operation documents, the registry in {@link Operations} and the result records agree with
 * {@code schema/schema-public.gql}, so no query drifts silently from the API.
 */
class SchemaDriftTest {
  private static final Path SCHEMA = Path.of("schema/schema-public.gql");
  private static final Path DOCUMENTS = Path.of("src/main/resources/operations");

  private static DocumentShapeChecker checker;

  @BeforeAll
  static void loadSchema() throws IOException {
    checker = DocumentShapeChecker.forSchema(SCHEMA);
  }

  @Test
  void everyRegisteredOperationMatchesTheSchemaAndItsRecord() {
    List<String> problems = new ArrayList<>();
    for (Operation<?> operation : Operations.ALL) {
      problems.addAll(checker.problems(
          operation.resourcePath(),
          operation.document(),
          operation.operationName(),
          operation.type().name(),
          operation.rootField(),
          operation.resultClass(),
          operation.returnsList()));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyDocumentIsUsedByExactlyOneOperation() throws IOException {
    Set<String> files;
    try (Stream<Path> paths = Files.list(DOCUMENTS)) {
      files = paths.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
    Map<String, Long> uses = Operations.ALL.stream()
        .collect(Collectors.groupingBy(o -> o.name() + ".graphql", Collectors.counting()));

    assertThat(files).allMatch(f -> f.endsWith(".graphql"), "only .graphql documents");
    assertThat(uses).allSatisfy((file, count) ->
        assertThat(count).as("operations using " + file).isEqualTo(1L));
    assertThat(new TreeSet<>(uses.keySet())).isEqualTo(files);
    assertThat(files).hasSize(28);
  }

  @Test
  void everyRootFieldOfTheSchemaHasExactlyOneOperation() {
    Set<String> rootFields = new TreeSet<>();
    Stream.concat(
            checker.schema().getQueryType().getFieldDefinitions().stream(),
            checker.schema().getMutationType().getFieldDefinitions().stream())
        .map(GraphQLFieldDefinition::getName)
        .forEach(rootFields::add);
    Map<String, Long> byRootField = Operations.ALL.stream()
        .collect(Collectors.groupingBy(Operation::rootField, Collectors.counting()));

    assertThat(rootFields).hasSize(28);
    assertThat(new TreeSet<>(byRootField.keySet())).isEqualTo(rootFields);
    assertThat(byRootField.values()).containsOnly(1L);
  }

  @Test
  void operationNamesAreUnique() {
    assertThat(Operations.ALL.stream().map(Operation::operationName).distinct().count())
        .isEqualTo(Operations.ALL.size());
  }

  // The checker itself must be able to fail: feed it deliberately broken inputs.

  /** workspaces_list with {@code tenantId} misspelled {@code tenantID}. */
  static final String MISSPELLED_DOCUMENT = """
      query WorkspacesList {
        workspaces {
          id
          tenantID
          name
          createdAt
        }
      }
      """;

  /** Workspace with a component the schema and the document lack. */
  record WorkspaceWithRegion(String id, String tenantId, String name, Instant createdAt, String region) {}

  @Test
  void checkerReportsAMisspelledFieldInADocument() {
    List<String> problems = checker.problems(
        "operations/workspaces_list.graphql (broken)", MISSPELLED_DOCUMENT,
        "WorkspacesList", "QUERY", "workspaces", Workspace.class, true);
    System.out.println("Misspelled field in a document:\n  " + String.join("\n  ", problems));

    assertThat(problems).contains(
        "operations/workspaces_list.graphql (broken): selects workspaces.tenantID,"
            + " but record Workspace has no component tenantID",
        "operations/workspaces_list.graphql (broken): record Workspace has component tenantId,"
            + " but the document does not select workspaces.tenantId");
    assertThat(problems).anySatisfy(p -> assertThat(p)
        .startsWith("operations/workspaces_list.graphql (broken): invalid against the schema:")
        .contains("tenantID"));
  }

  @Test
  void checkerReportsAnExtraRecordComponent() {
    List<String> problems = checker.problems(
        Operations.WORKSPACES_LIST.resourcePath(), Operations.WORKSPACES_LIST.document(),
        "WorkspacesList", "QUERY", "workspaces", WorkspaceWithRegion.class, true);
    System.out.println("Extra record component:\n  " + String.join("\n  ", problems));

    assertThat(problems).containsExactly(
        "operations/workspaces_list.graphql: record WorkspaceWithRegion has component region,"
            + " but the document does not select workspaces.region");
  }

  /** ProviderCredentialTest with {@code latencyMs} as a String. */
  record WrongTypes(String id, boolean ok, String message, String latencyMs, Instant testedAt) {}

  @Test
  void checkerReportsAComponentOfTheWrongType() {
    Operation<?> test = Operations.PROVIDER_CREDENTIALS_TEST;
    List<String> problems = checker.problems(test.resourcePath(), test.document(),
        test.operationName(), "MUTATION", test.rootField(), WrongTypes.class, false);

    assertThat(problems).containsExactly(
        "operations/provider_credentials_test.graphql: testProviderCredential.latencyMs is Int!,"
            + " so WrongTypes.latencyMs should be int, not java.lang.String");
  }

  @Test
  void checkerReportsAWrongOperationName() {
    Function<String, List<String>> check = name -> checker.problems("doc", """
        query Whoami { viewer { patId scopes user { id email createdAt } tenant { id name createdAt } } }
        """, name, "QUERY", "viewer", ai.aisetu.admin.model.Viewer.class, false);

    assertThat(check.apply("Whoami")).isEmpty();
    assertThat(check.apply("WhoAmI")).containsExactly("doc: operation is named Whoami, expected WhoAmI");
  }
}
