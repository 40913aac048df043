package ai.aisetu.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class LocalPlaneArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("ai.aisetu.local");

  @Test
  void localPlaneDependsOnNeitherTheMcpServerNorTheAdminClient() {
    noClasses().that().resideInAPackage("ai.aisetu.local..")
        .should().dependOnClassesThat().resideInAnyPackage("io.modelcontextprotocol..", "ai.aisetu.admin..", "ai.aisetu.mcp..")
        .check(MAIN);
  }
}
