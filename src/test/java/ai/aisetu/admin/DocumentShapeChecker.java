package ai.aisetu.admin;

import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.Coercing;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a GraphQL operation document against the schema and against the Java record its result
 * decodes to. Each problem is one line naming the document, the record and the field.
 */
final class DocumentShapeChecker {
  private final GraphQLSchema schema;

  DocumentShapeChecker(GraphQLSchema schema) {
    this.schema = schema;
  }

  /** Builds the executable schema from {@code sdl}, with a pass-through DateTime scalar. */
  static DocumentShapeChecker forSchema(Path sdl) throws IOException {
    GraphQLScalarType dateTime = GraphQLScalarType.newScalar()
        .name("DateTime")
        .coercing(new Coercing<Object, Object>() {})
        .build();
    GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(
        new SchemaParser().parse(Files.readString(sdl)),
        RuntimeWiring.newRuntimeWiring().scalar(dateTime).build());
    return new DocumentShapeChecker(schema);
  }

  GraphQLSchema schema() {
    return schema;
  }

  /**
   * The problems of {@code document} (named {@code documentName}) as the text of an operation
   * named {@code operationName} of {@code type} ("query" or "mutation") selecting {@code rootField},
   * whose value decodes to {@code resultClass} (or a list of it). Empty when it all agrees.
   */
  List<String> problems(
      String documentName,
      String document,
      String operationName,
      String type,
      String rootField,
      Class<?> resultClass,
      boolean list) {
    List<String> problems = new ArrayList<>();
    ParseAndValidateResult result = ParseAndValidate.parseAndValidate(
        schema, ExecutionInput.newExecutionInput(document).build());
    if (result.isFailure()) {
      for (GraphQLError error : result.getErrors()) {
        problems.add(documentName + ": invalid against the schema: " + error.getMessage());
      }
      if (result.getDocument() == null) return problems;
    }
    List<OperationDefinition> operations =
        result.getDocument().getDefinitionsOfType(OperationDefinition.class);
    if (operations.size() != 1) {
      problems.add(documentName + ": has " + operations.size() + " operations, expected one");
      return problems;
    }
    OperationDefinition operation = operations.get(0);
    if (!operationName.equals(operation.getName())) {
      problems.add(documentName + ": operation is named " + operation.getName()
          + ", expected " + operationName);
    }
    if (!type.equalsIgnoreCase(operation.getOperation().name())) {
      problems.add(documentName + ": is a " + operation.getOperation().name().toLowerCase()
          + ", expected a " + type);
    }
    List<Field> roots = fields(documentName, operation.getSelectionSet(), problems);
    if (roots.size() != 1 || !roots.get(0).getName().equals(rootField)) {
      problems.add(documentName + ": selects root fields "
          + roots.stream().map(Field::getName).toList() + ", expected exactly [" + rootField + "]");
      return problems;
    }
    GraphQLFieldsContainer rootType = operation.getOperation() == OperationDefinition.Operation.MUTATION
        ? schema.getMutationType()
        : schema.getQueryType();
    GraphQLFieldDefinition definition = rootType.getFieldDefinition(rootField);
    if (definition == null) return problems; // Reported by validation.
    GraphQLType fieldType = unwrapNonNull(definition.getType());
    if (list != fieldType instanceof GraphQLList) {
      problems.add(documentName + ": " + rootField + " is " + (list ? "not " : "")
          + "a list in the schema, but the operation decodes it as "
          + (list ? "List<" + resultClass.getSimpleName() + ">" : resultClass.getSimpleName()));
      return problems;
    }
    GraphQLType elementType = unwrapNonNull(list ? ((GraphQLList) fieldType).getWrappedType() : fieldType);
    compare(documentName, rootField, roots.get(0).getSelectionSet(), elementType, resultClass, problems);
    return problems;
  }

  private void compare(
      String documentName,
      String path,
      SelectionSet selectionSet,
      GraphQLType schemaType,
      Class<?> record,
      List<String> problems) {
    if (!record.isRecord()) {
      problems.add(documentName + ": " + path + " decodes to " + record.getSimpleName()
          + ", which is not a record");
      return;
    }
    if (selectionSet == null || !(schemaType instanceof GraphQLFieldsContainer container)) {
      problems.add(documentName + ": " + path + " selects no fields, but decodes to record "
          + record.getSimpleName());
      return;
    }
    List<Field> selected = fields(documentName, selectionSet, problems);
    Set<String> selectedNames = new LinkedHashSet<>();
    for (Field field : selected) selectedNames.add(field.getResultKey());
    Set<String> componentNames = new LinkedHashSet<>();
    for (RecordComponent component : record.getRecordComponents()) {
      componentNames.add(component.getName());
    }
    for (String name : selectedNames) {
      if (!componentNames.contains(name)) {
        problems.add(documentName + ": selects " + path + "." + name + ", but record "
            + record.getSimpleName() + " has no component " + name);
      }
    }
    for (String name : componentNames) {
      if (!selectedNames.contains(name)) {
        problems.add(documentName + ": record " + record.getSimpleName() + " has component "
            + name + ", but the document does not select " + path + "." + name);
      }
    }
    for (Field field : selected) {
      RecordComponent component = Arrays.stream(record.getRecordComponents())
          .filter(c -> c.getName().equals(field.getResultKey()))
          .findFirst()
          .orElse(null);
      GraphQLFieldDefinition definition = container.getFieldDefinition(field.getName());
      if (component == null || definition == null) continue;
      compareField(documentName, path + "." + field.getName(), field, definition.getType(),
          component.getGenericType(), record.getSimpleName() + "." + component.getName(),
          problems);
    }
  }

  private void compareField(
      String documentName,
      String path,
      Field field,
      GraphQLOutputType schemaType,
      Type javaType,
      String componentName,
      List<String> problems) {
    boolean nonNull = schemaType instanceof GraphQLNonNull;
    GraphQLType type = unwrapNonNull(schemaType);
    if (type instanceof GraphQLList listType) {
      if (!(javaType instanceof ParameterizedType parameterized)
          || parameterized.getRawType() != List.class) {
        problems.add(documentName + ": " + path + " is a list, but " + componentName + " is "
            + javaType.getTypeName());
        return;
      }
      Type element = parameterized.getActualTypeArguments()[0];
      compareElement(documentName, path, field, unwrapNonNull(listType.getWrappedType()), true,
          element, componentName, problems);
      return;
    }
    compareElement(documentName, path, field, type, nonNull, javaType, componentName, problems);
  }

  private void compareElement(
      String documentName,
      String path,
      Field field,
      GraphQLType type,
      boolean nonNull,
      Type javaType,
      String componentName,
      List<String> problems) {
    if (!(javaType instanceof Class<?> javaClass)) {
      problems.add(documentName + ": " + componentName + " has type " + javaType.getTypeName()
          + ", which " + path + " cannot decode to");
      return;
    }
    if (type instanceof GraphQLFieldsContainer) {
      compare(documentName, path, field.getSelectionSet(), type, javaClass, problems);
      return;
    }
    String expected = expectedJavaType(type, nonNull);
    if (expected == null) {
      if (!(type instanceof GraphQLEnumType enumType) || !javaClass.isEnum()) {
        problems.add(documentName + ": " + path + " is " + ((graphql.schema.GraphQLNamedType) type).getName()
            + ", but " + componentName + " is " + javaClass.getSimpleName());
        return;
      }
      Set<String> schemaValues = new TreeSet<>();
      for (GraphQLEnumValueDefinition value : enumType.getValues()) schemaValues.add(value.getName());
      Set<String> javaValues = new TreeSet<>();
      for (Object constant : javaClass.getEnumConstants()) javaValues.add(((Enum<?>) constant).name());
      if (!schemaValues.equals(javaValues)) {
        problems.add(documentName + ": enum " + enumType.getName() + " has " + schemaValues
            + ", but " + javaClass.getSimpleName() + " has " + javaValues);
      }
      return;
    }
    if (!expected.equals(javaClass.getName())) {
      problems.add(documentName + ": " + path + " is "
          + ((graphql.schema.GraphQLNamedType) type).getName() + (nonNull ? "!" : "")
          + ", so " + componentName + " should be " + expected + ", not " + javaClass.getName());
    }
  }

  /** The Java type of a scalar, or null for an enum. */
  private static String expectedJavaType(GraphQLType type, boolean nonNull) {
    if (!(type instanceof GraphQLScalarType scalar)) return null;
    switch (scalar.getName()) {
      case "ID":
      case "String":
        return String.class.getName();
      case "Int":
        return nonNull ? "int" : Integer.class.getName();
      case "Boolean":
        return nonNull ? "boolean" : Boolean.class.getName();
      case "DateTime":
        return Instant.class.getName();
      default:
        return "?" + scalar.getName();
    }
  }

  private static List<Field> fields(String documentName, SelectionSet set, List<String> problems) {
    List<Field> fields = new ArrayList<>();
    for (Selection<?> selection : set.getSelections()) {
      if (selection instanceof Field field) {
        fields.add(field);
      } else {
        problems.add(documentName + ": uses a fragment; write the fields out");
      }
    }
    return fields;
  }

  private static GraphQLType unwrapNonNull(GraphQLType type) {
    return type instanceof GraphQLNonNull nonNull ? nonNull.getWrappedType() : type;
  }
}
