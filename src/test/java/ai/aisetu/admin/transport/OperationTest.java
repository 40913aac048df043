package ai.aisetu.admin.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OperationTest {
  @Test
  void operationNameIsThePascalCaseOfTheDocumentName() {
    assertThat(Operation.mutation("api_keys_rotate", "rotateApiKey", Object.class).operationName())
        .isEqualTo("ApiKeysRotate");
    assertThat(Operation.query("whoami", "viewer", Object.class).operationName()).isEqualTo("Whoami");
  }

  @Test
  void documentIsReadFromTheClassPath() {
    Operation<Object> whoami = Operation.query("whoami", "viewer", Object.class);

    assertThat(whoami.resourcePath()).isEqualTo("operations/whoami.graphql");
    assertThat(whoami.document()).startsWith("query Whoami {");
  }

  @Test
  void missingDocumentFailsNamingIt() {
    assertThatThrownBy(() -> Operation.query("nope", "nope", Object.class).document())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("missing resource operations/nope.graphql");
  }
}
