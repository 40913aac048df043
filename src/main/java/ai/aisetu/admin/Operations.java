package ai.aisetu.admin;

import ai.aisetu.admin.model.ApiKey;
import ai.aisetu.admin.model.CreatedApiKey;
import ai.aisetu.admin.model.CreatedPersonalAccessToken;
import ai.aisetu.admin.model.CreditBalance;
import ai.aisetu.admin.model.DeletedWorkspace;
import ai.aisetu.admin.model.LoginCodeRequest;
import ai.aisetu.admin.model.LoginResult;
import ai.aisetu.admin.model.Member;
import ai.aisetu.admin.model.PersonalAccessToken;
import ai.aisetu.admin.model.ProviderAvailability;
import ai.aisetu.admin.model.ProviderCredential;
import ai.aisetu.admin.model.ProviderCredentialTest;
import ai.aisetu.admin.model.RotatedApiKey;
import ai.aisetu.admin.model.TopUpIntent;
import ai.aisetu.admin.model.UsageProjection;
import ai.aisetu.admin.model.Viewer;
import ai.aisetu.admin.model.Workspace;
import ai.aisetu.admin.transport.Operation;
import java.util.List;

/** Every operation {@link AiSetuAdmin} runs, one per document in {@code operations/}. */
final class Operations {
  private Operations() {}

  static final Operation<Viewer> WHOAMI = Operation.query("whoami", "viewer", Viewer.class);
  static final Operation<LoginCodeRequest> ONBOARDING_START =
      Operation.mutation("onboarding_start", "requestLoginCode", LoginCodeRequest.class);
  static final Operation<LoginResult> ONBOARDING_VERIFY =
      Operation.mutation("onboarding_verify", "verifyLoginCode", LoginResult.class);

  static final Operation<List<Workspace>> WORKSPACES_LIST =
      Operation.queryList("workspaces_list", "workspaces", Workspace.class);
  static final Operation<Workspace> WORKSPACES_GET =
      Operation.query("workspaces_get", "workspace", Workspace.class);
  static final Operation<Workspace> WORKSPACES_CREATE =
      Operation.mutation("workspaces_create", "createWorkspace", Workspace.class);
  static final Operation<Workspace> WORKSPACES_RENAME =
      Operation.mutation("workspaces_rename", "renameWorkspace", Workspace.class);
  static final Operation<DeletedWorkspace> WORKSPACES_DELETE =
      Operation.mutation("workspaces_delete", "deleteWorkspace", DeletedWorkspace.class);
  static final Operation<List<Member>> WORKSPACES_LIST_MEMBERS =
      Operation.queryList("workspaces_list_members", "workspaceMembers", Member.class);

  static final Operation<List<ApiKey>> API_KEYS_LIST =
      Operation.queryList("api_keys_list", "apiKeys", ApiKey.class);
  static final Operation<CreatedApiKey> API_KEYS_CREATE =
      Operation.mutation("api_keys_create", "createApiKey", CreatedApiKey.class);
  static final Operation<RotatedApiKey> API_KEYS_ROTATE =
      Operation.mutation("api_keys_rotate", "rotateApiKey", RotatedApiKey.class);
  static final Operation<ApiKey> API_KEYS_REVOKE =
      Operation.mutation("api_keys_revoke", "revokeApiKey", ApiKey.class);

  static final Operation<Member> MEMBERS_INVITE =
      Operation.mutation("members_invite", "inviteMember", Member.class);
  static final Operation<Member> MEMBERS_SET_ROLE =
      Operation.mutation("members_set_role", "setMemberRole", Member.class);
  static final Operation<Member> MEMBERS_REMOVE =
      Operation.mutation("members_remove", "removeMember", Member.class);

  static final Operation<CreditBalance> BILLING_CREDIT_BALANCE =
      Operation.query("billing_credit_balance", "creditBalance", CreditBalance.class);
  static final Operation<TopUpIntent> BILLING_CREATE_TOP_UP_INTENT =
      Operation.mutation("billing_create_top_up_intent", "createTopUpIntent", TopUpIntent.class);
  static final Operation<List<TopUpIntent>> BILLING_TOP_UPS =
      Operation.queryList("billing_top_ups", "topUps", TopUpIntent.class);

  static final Operation<UsageProjection> USAGE_PROJECTION =
      Operation.query("usage_projection", "usageProjection", UsageProjection.class);

  static final Operation<List<PersonalAccessToken>> PATS_LIST =
      Operation.queryList("pats_list", "personalAccessTokens", PersonalAccessToken.class);
  static final Operation<CreatedPersonalAccessToken> PATS_CREATE =
      Operation.mutation(
          "pats_create", "createPersonalAccessToken", CreatedPersonalAccessToken.class);
  static final Operation<PersonalAccessToken> PATS_REVOKE =
      Operation.mutation("pats_revoke", "revokePersonalAccessToken", PersonalAccessToken.class);

  static final Operation<List<ProviderAvailability>> PROVIDER_CREDENTIALS_AVAILABILITY =
      Operation.queryList(
          "provider_credentials_availability", "providerAvailability", ProviderAvailability.class);
  static final Operation<List<ProviderCredential>> PROVIDER_CREDENTIALS_LIST =
      Operation.queryList(
          "provider_credentials_list", "providerCredentials", ProviderCredential.class);
  static final Operation<ProviderCredential> PROVIDER_CREDENTIALS_UPSERT =
      Operation.mutation(
          "provider_credentials_upsert", "upsertProviderCredential", ProviderCredential.class);
  static final Operation<ProviderCredentialTest> PROVIDER_CREDENTIALS_TEST =
      Operation.mutation(
          "provider_credentials_test", "testProviderCredential", ProviderCredentialTest.class);
  static final Operation<ProviderCredential> PROVIDER_CREDENTIALS_REVOKE =
      Operation.mutation(
          "provider_credentials_revoke", "revokeProviderCredential", ProviderCredential.class);

  /** All of them, in the order of the schema's root fields. */
  static final List<Operation<?>> ALL = List.of(
      WHOAMI,
      WORKSPACES_LIST,
      WORKSPACES_GET,
      WORKSPACES_LIST_MEMBERS,
      API_KEYS_LIST,
      BILLING_CREDIT_BALANCE,
      BILLING_TOP_UPS,
      USAGE_PROJECTION,
      PATS_LIST,
      PROVIDER_CREDENTIALS_AVAILABILITY,
      PROVIDER_CREDENTIALS_LIST,
      WORKSPACES_CREATE,
      WORKSPACES_RENAME,
      WORKSPACES_DELETE,
      API_KEYS_CREATE,
      API_KEYS_ROTATE,
      API_KEYS_REVOKE,
      MEMBERS_INVITE,
      MEMBERS_SET_ROLE,
      MEMBERS_REMOVE,
      BILLING_CREATE_TOP_UP_INTENT,
      PATS_CREATE,
      PATS_REVOKE,
      PROVIDER_CREDENTIALS_UPSERT,
      PROVIDER_CREDENTIALS_TEST,
      PROVIDER_CREDENTIALS_REVOKE,
      ONBOARDING_START,
      ONBOARDING_VERIFY);
}
