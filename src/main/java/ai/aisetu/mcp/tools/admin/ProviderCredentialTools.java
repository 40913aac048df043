package ai.aisetu.mcp.tools.admin;

import ai.aisetu.admin.model.Provider;
import ai.aisetu.admin.model.ProviderAvailability;
import ai.aisetu.admin.model.ProviderCredential;
import ai.aisetu.admin.model.ProviderCredentialTest;
import ai.aisetu.admin.model.UpsertProviderCredentialInput;
import ai.aisetu.mcp.tools.Access;
import ai.aisetu.mcp.tools.ObjectSchema;
import ai.aisetu.mcp.tools.ToolCall;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.ToolInputException;
import ai.aisetu.mcp.tools.ToolResult;
import ai.aisetu.mcp.tools.Toolset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code provider_credentials} toolset: BYOK connections, the tenant's own OpenAI, Anthropic or
 * Bedrock credentials behind a slug ({@code @<slug>/<model>}). Secrets go in and never come back.
 */
public final class ProviderCredentialTools {
  private static final String CREDENTIAL_ID = "The connection id, from provider_credentials_list.";

  private ProviderCredentialTools() {}

  public static List<ToolDefinition> all() {
    return List.of(availability(), list(), upsert(), test(), revoke());
  }

  static ToolDefinition availability() {
    return tool("provider_credentials_availability", Access.READ)
        .title("Which providers support BYOK")
        .description("For each upstream provider, whether bring-your-own-key is supported and"
            + " which fields provider_credentials_upsert needs for it. Use it before asking the"
            + " user for credentials. Needs a PAT with admin:read.")
        .outputSchema(Schemas.listOf("providers", ObjectSchema.builder()
                .property("provider", Schemas.oneOf("The provider.",
                    List.of("OPENAI", "ANTHROPIC", "BEDROCK")), true)
                .bool("byokSupported", "Whether the tenant can bring its own credential.", true)
                .stringArray("requiredFields", "The upsert fields a credential needs.", true)
                .build(),
            "One entry per provider."))
        .idempotent(true)
        .handler(call -> {
          List<ProviderAvailability> providers =
              call.admin().providerCredentials().availability(call.cancellation());
          return ToolResult.ok(Map.of("providers", providers), Summaries.count(providers.size(),
              "provider", providers.stream().map(p -> p.provider() + " needs "
                  + String.join("+", p.requiredFields())).collect(Collectors.toList())));
        })
        .build();
  }

  static ToolDefinition list() {
    return tool("provider_credentials_list", Access.READ)
        .title("List BYOK connections")
        .description("Lists the tenant's BYOK connections (provider, slug, keyHint, last test),"
            + " oldest first, revoked ones included. Secrets never come back. Needs a PAT with"
            + " admin:read.")
        .outputSchema(Schemas.listOf("credentials", Schemas.providerCredential(),
            "The connections."))
        .idempotent(true)
        .handler(call -> {
          List<ProviderCredential> credentials =
              call.admin().providerCredentials().list(call.cancellation());
          return ToolResult.ok(Map.of("credentials", credentials), Summaries.count(
              credentials.size(), "connection", credentials.stream().map(c -> "@" + c.slug()
                  + " (" + c.provider() + (c.revokedAt() != null ? ", revoked" : "") + ")")
                  .collect(Collectors.toList())));
        })
        .build();
  }

  static ToolDefinition upsert() {
    return tool("provider_credentials_upsert", Access.WRITE)
        .title("Add or replace a BYOK connection")
        .description("Stores the tenant's own provider credential under a slug, so model strings"
            + " @<slug>/<model> use it; the same slug replaces the secret. OpenAI and Anthropic"
            + " need apiKey; Bedrock needs awsAccessKeyId, awsSecretAccessKey and awsRegion (see"
            + " provider_credentials_availability). Secrets are encrypted and never returned. Then"
            + " run provider_credentials_test. Needs a PAT with admin:write.")
        .inputSchema(ObjectSchema.builder()
            .property("provider", Schemas.oneOf("The upstream provider.", Schemas.PROVIDERS),
                true)
            .property("slug", ObjectSchema.string("The routing handle: 2 to 63 lowercase letters,"
                + " digits or dashes, starting with a letter or digit, unique in the tenant, e.g."
                + " openai-prod.").put("pattern", "^[a-z0-9][a-z0-9-]{1,62}$"), false)
            .string("label", "Deprecated alias of slug, for older clients: without slug, the slug"
                + " is derived from it. Prefer slug.", false)
            .string("apiKey", "OpenAI or Anthropic only: the provider API key.", false)
            .string("awsAccessKeyId", "Bedrock only: the AWS access key id.", false)
            .string("awsSecretAccessKey", "Bedrock only: the AWS secret access key.", false)
            .string("awsRegion", "Bedrock only: the AWS region, e.g. us-east-1.", false)
            .build())
        .outputSchema(Schemas.providerCredential())
        .idempotent(true)
        .handler(call -> {
          ProviderCredential credential =
              call.admin().providerCredentials().upsert(input(call), call.cancellation());
          return ToolResult.ok(credential, "Stored " + credential.provider() + " connection @"
              + credential.slug() + " (" + credential.id() + ", key …" + credential.keyHint()
              + "); run provider_credentials_test to check it.");
        })
        .build();
  }

  private static UpsertProviderCredentialInput input(ToolCall call) {
    Provider provider = call.requiredEnum("provider", Provider.class);
    String slug = call.optionalString("slug").orElse(null);
    String label = call.optionalString("label").orElse(null);
    if (slug == null && label == null) {
      throw new ToolInputException("slug", "is required: pass a slug such as "
          + provider.name().toLowerCase(java.util.Locale.ROOT) + "-prod");
    }
    return UpsertProviderCredentialInput.builder(provider)
        .slug(slug)
        .label(label)
        .apiKey(call.optionalString("apiKey").orElse(null))
        .awsAccessKeyId(call.optionalString("awsAccessKeyId").orElse(null))
        .awsSecretAccessKey(call.optionalString("awsSecretAccessKey").orElse(null))
        .awsRegion(call.optionalString("awsRegion").orElse(null))
        .build();
  }

  static ToolDefinition test() {
    return tool("provider_credentials_test", Access.WRITE)
        .title("Test a BYOK connection")
        .description("Checks that a stored credential authenticates with its provider, without"
            + " spending quota (it calls the provider's model list, or STS for Bedrock). ok false"
            + " with a message means the provider refused it or was unreachable: fix the"
            + " credential with provider_credentials_upsert. Can take seconds; sends progress."
            + " Needs a PAT with admin:write.")
        .inputSchema(ObjectSchema.builder()
            .property("credentialId", Schemas.id(CREDENTIAL_ID), true)
            .build())
        .outputSchema(ObjectSchema.builder()
            .string("id", "The connection id.", true)
            .bool("ok", "Whether the provider accepted the credential.", true)
            .string("message", "What the provider said, in plain words.", true)
            .property("latencyMs", Schemas.integer("How long the provider took to answer."), true)
            .property("testedAt", Schemas.dateTime("When the test ran."), true)
            .build())
        .idempotent(true)
        .openWorld(true)
        .handler(call -> {
          String id = call.requiredString("credentialId");
          call.progress(0, 1.0, "Testing connection " + id + " with its provider");
          ProviderCredentialTest result =
              call.admin().providerCredentials().test(id, call.cancellation());
          String outcome = result.ok() ? "authenticated" : "failed: " + result.message();
          call.progress(1, 1.0, "Done: " + outcome);
          return ToolResult.ok(result, "Connection " + id + " " + outcome + " ("
              + result.latencyMs() + " ms).");
        })
        .build();
  }

  static ToolDefinition revoke() {
    return tool("provider_credentials_revoke", Access.WRITE)
        .title("Revoke a BYOK connection")
        .description("Revokes a BYOK connection and destroys its stored secret: model strings"
            + " @<slug>/<model> stop working. Revoking a revoked connection changes nothing."
            + " Confirm with the user first. Needs a PAT with admin:write.")
        .inputSchema(ObjectSchema.builder()
            .property("credentialId", Schemas.id(CREDENTIAL_ID), true)
            .build())
        .outputSchema(Schemas.providerCredential())
        .destructive(true)
        .idempotent(true)
        .handler(call -> {
          ProviderCredential credential = call.admin().providerCredentials()
              .revoke(call.requiredString("credentialId"), call.cancellation());
          return ToolResult.ok(credential, "Revoked connection @" + credential.slug() + " ("
              + credential.id() + ").");
        })
        .build();
  }

  private static ToolDefinition.Builder tool(String name, Access access) {
    return ToolDefinition.builder(name).toolset(Toolset.PROVIDER_CREDENTIALS).access(access);
  }
}
