package ai.aisetu.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package boundaries of the architecture, enforced over the production classes. */
final class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("ai.aisetu");
  }

  @Test
  void mcpServerNeverTouchesOkHttp() {
    noClasses().that().resideInAPackage("ai.aisetu.mcp..")
        .should().dependOnClassesThat().resideInAPackage("okhttp3..")
        .because("the tools reach the control plane only through the admin client")
        .check(classes);
  }

  @Test
  void localControlPlaneStandsAlone() {
    noClasses().that().resideInAPackage("ai.aisetu.local..")
        .should().dependOnClassesThat()
        .resideInAnyPackage("io.modelcontextprotocol..", "ai.aisetu.mcp..", "ai.aisetu.admin..")
        .because("the local control plane is the server side of the API, not a client of it")
        .check(classes);
  }

  @Test
  void adminClientKnowsNothingOfMcp() {
    noClasses().that().resideInAPackage("ai.aisetu.admin..")
        .should().dependOnClassesThat().resideInAPackage("io.modelcontextprotocol..")
        .because("the admin client is usable without the MCP server")
        .check(classes);
  }
}
