package ai.aisetu.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aisetu.admin.AdminGraphQLError;
import ai.aisetu.admin.AiSetuAdmin;
import ai.aisetu.admin.ErrorCode;
import ai.aisetu.admin.model.DeletedWorkspace;
import ai.aisetu.admin.model.Member;
import ai.aisetu.admin.model.MemberStatus;
import ai.aisetu.admin.model.Role;
import ai.aisetu.admin.model.Workspace;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Workspaces, memberships and roles. */
class WorkspacesAndMembersTest {
  private static LocalControlPlane plane;

  @BeforeAll
  static void start() {
    plane = LocalControlPlane.builder().inMemory().build().start();
  }

  @AfterAll
  static void stop() {
    plane.close();
  }

  private static void fails(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(AdminGraphQLError.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  /** An owner, plus {@code email} invited with {@code role} and signed in (so ACTIVE). */
  private static Fixture.Account join(Fixture.Account owner, String workspaceId, Role role) {
    String email = Fixture.email(role.name().toLowerCase());
    owner.admin().members().invite(workspaceId, email, role);
    return Fixture.signUp(plane, email);
  }

  @Test
  void signUpMakesADefaultWorkspaceOwnedByTheUser() {
    Fixture.Account owner = Fixture.signUp(plane, Fixture.email("fresh"));
    Workspace ws = owner.admin().workspaces().list().get(0);
    assertThat(ws.name()).isEqualTo("default");
    assertThat(ws.tenantId()).isEqualTo(owner.tenantId());
    Member me = owner.admin().workspaces().listMembers(ws.id()).get(0);
    assertThat(me.email()).isEqualTo(owner.email());
    assertThat(me.role()).isEqualTo(Role.OWNER);
    assertThat(me.status()).isEqualTo(MemberStatus.ACTIVE);
  }

  @Test
  void createdWorkspaceIsOwnedByItsCreatorAndListedOldestFirst() {
    Fixture.Account owner = Fixture.signUp(plane, Fixture.email("creator"));
    Workspace ws = owner.admin().workspaces().create("staging");
    assertThat(owner.admin().workspaces().list()).extracting(Workspace::name).containsExactly("default", "staging");
    assertThat(owner.admin().workspaces().listMembers(ws.id())).extracting(Member::role).containsExactly(Role.OWNER);
    assertThat(owner.admin().workspaces().get(ws.id())).isEqualTo(ws);
  }

  @Test
  void duplicateWorkspaceNameIsConflict() {
    Fixture.Account owner = Fixture.signUp(plane, Fixture.email("dup"));
    Workspace prod = owner.admin().workspaces().create("prod");
    fails(ErrorCode.CONFLICT, () -> owner.admin().workspaces().create("prod"));
    fails(ErrorCode.CONFLICT, () -> owner.admin().workspaces().rename(Fixture.defaultWorkspace(owner), "prod"));
    assertThat(owner.admin().workspaces().rename(prod.id(), "prod").name()).isEqualTo("prod");
  }

  @Test
  void renameChangesTheName() {
    Fixture.Account owner = Fixture.signUp(plane, Fixture.email("rename"));
    String id = Fixture.defaultWorkspace(owner);
    assertThat(owner.admin().workspaces().rename(id, "main").name()).isEqualTo("main");
    assertThat(owner.admin().workspaces().get(id).name()).isEqualTo("main");
  }

  @Test
  void deleteRevokesKeysAndRemovesMemberships() {
    Fixture.Account owner = Fixture.signUp(plane, Fixture.email("deleter"));
    Workspace ws = owner.admin().workspaces().create("doomed");
    owner.admin().apiKeys().create(ws.id(), "one");
    owner.admin().apiKeys().create(ws.id(), "two");
    owner.admin().members().invite(ws.id(), Fixture.email("guest"), Role.MEMBER);
    DeletedWorkspace deleted = owner.admin().workspaces().delete(ws.id());
    assertThat(deleted.revokedApiKeys()).isEqualTo(2);
    assertThat(deleted.removedMembers()).isEqualTo(2);
    fails(ErrorCode.NOT_FOUND, () -> owner.admin().workspaces().get(ws.id()));
    fails(ErrorCode.NOT_FOUND, () -> owner.admin().apiKeys().list(ws.id()));
    assertThat(plane.snapshot().get("api_keys")).allMatch(row -> !row.endsWith("|null|"));
  }

  @Test
  void onlyAnOwnerDeletesAWorkspace() {
    Fixture.Account owner = Fixture.signUp(plane, Fixture.email("owner"));
    String ws = Fixture.defaultWorkspace(owner);
    Fixture.Account admin = join(owner, ws, Role.ADMIN);
    fails(ErrorCode.FORBIDDEN, () -> admin.admin().workspaces().delete(ws));
  }

  @Test
  void viewerCannotInvite() {
    Fixture.Account owner = Fixture.signUp(plane, Fixture.email("owner"));
    String ws = Fixture.defaultWorkspace(owner);
    Fixture.Account viewer = join(owner, ws, Role.VIEWER);
    fails(ErrorCode.FORBIDDEN, () -> viewer.admin().members().invite(ws, Fixture.email("friend"), Role.MEMBER));
    assertThat(viewer.admin().workspaces().listMembers(ws)).hasSize(2);
  }

  @Test
  void memberCannotCreateApiKeysOrRename() {
    Fixture.Account owner = Fixture.signUp(plane, Fixture.email("owner"));
    String ws = Fixture.defaultWorkspace(owner);
    Fixture.Account member = join(owner, ws, Role.MEMBER);
    fails(ErrorCode.FORBIDDEN, () -> member.admin().apiKeys().create(ws, "mine"));
    fails(ErrorCode.FORBIDDEN, () -> member.admin().workspaces().rename(ws, "mine"));
  }

  @Test
  void adminCannotInviteOrGrantOwner() {
    Fixture.Account owner = Fixture.signUp(plane, Fixture.email("owner"));
    String ws = Fixture.defaultWorkspace(owner);
    Fixture.Account admin = join(owner, ws, Role.ADMIN);
    fails(ErrorCode.FORBIDDEN, () -> admin.admin().members().invite(ws, Fixture.email("boss"), Role.OWNER));
    Member member = admin.admin().members().invite(ws, Fixture.email("helper"), Role.MEMBER);
    fails(ErrorCode.FORBIDDEN, () -> admin.admin().members().setRole(ws, member.id(), Role.OWNER));
    assertThat(admin.admin().members().setRole(ws, member.id(), Role.VIEWER).role()).isEqualTo(Role.VIEWER);
  }

  @Test
  void lastOwnerCannotBeRemoved() {
    Fixture.Account owner = Fixture.signUp(plane, Fixture.email("sole"));
    String ws = Fixture.defaultWorkspace(owner);
    Member me = owner.admin().workspaces().listMembers(ws).get(0);
    fails(ErrorCode.CONFLICT, () -> owner.admin().members().remove(ws, me.id()));
    assertThat(owner.admin().workspaces().listMembers(ws)).containsExactly(me);
  }

  @Test
  void lastOwnerCannotBeDemoted() {
    Fixture.Account owner = Fixture.signUp(plane, Fixture.email("sole"));
    String ws = Fixture.defaultWorkspace(owner);
    Member me = owner.admin().workspaces().listMembers(ws).get(0);
    fails(ErrorCode.CONFLICT, () -> owner.admin().members().setRole(ws, me.id(), Role.ADMIN));
    assertThat(owner.admin().workspaces().listMembers(ws).get(0).role()).isEqualTo(Role.OWNER);
  }

  @Test
  void ownerCanStepDownOnceAnotherOwnerIsActive() {
    Fixture.Account owner = Fixture.signUp(plane, Fixture.email("handover"));
    String ws = Fixture.defaultWorkspace(owner);
    join(owner, ws, Role.OWNER);
    Member me = owner.admin().workspaces().listMembers(ws).get(0);
    assertThat(owner.admin().members().setRole(ws, me.id(), Role.ADMIN).role()).isEqualTo(Role.ADMIN);
  }

  @Test
  void removeReturnsTheMembershipAsItWas() {
    Fixture.Account owner = Fixture.signUp(plane, Fixture.email("remover"));
    String ws = Fixture.defaultWorkspace(owner);
    Member invited = owner.admin().members().invite(ws, Fixture.email("leaving"), Role.VIEWER);
    assertThat(owner.admin().members().remove(ws, invited.id())).isEqualTo(invited);
    assertThat(owner.admin().workspaces().listMembers(ws)).hasSize(1);
  }

  @Test
  void invitingTwiceReturnsTheExistingMembership() {
    Fixture.Account owner = Fixture.signUp(plane, Fixture.email("inviter"));
    String ws = Fixture.defaultWorkspace(owner);
    String email = Fixture.email("twice");
    Member first = owner.admin().members().invite(ws, email, Role.VIEWER);
    Member second = owner.admin().members().invite(ws, email.toUpperCase(), Role.ADMIN);
    assertThat(second).isEqualTo(first);
    assertThat(owner.admin().workspaces().listMembers(ws)).hasSize(2);
  }

  @Test
  void invitedEmailSigningInJoinsTheInvitingTenant() {
    Fixture.Account owner = Fixture.signUp(plane, Fixture.email("host"));
    String ws = Fixture.defaultWorkspace(owner);
    String email = Fixture.email("guest");
    Member invited = owner.admin().members().invite(ws, email, Role.MEMBER);
    assertThat(invited.status()).isEqualTo(MemberStatus.INVITED);
    Fixture.Account guest = Fixture.signUp(plane, email);
    assertThat(guest.tenantId()).isEqualTo(owner.tenantId());
    assertThat(guest.admin().workspaces().list()).extracting(Workspace::id).containsExactly(ws);
    assertThat(owner.admin().workspaces().listMembers(ws)).filteredOn(m -> m.email().equals(email))
        .extracting(Member::status).containsExactly(MemberStatus.ACTIVE);
  }

  @Test
  void invitingAUserOfTheSameTenantMakesThemActiveAtOnce() {
    Fixture.Account owner = Fixture.signUp(plane, Fixture.email("host"));
    String ws = Fixture.defaultWorkspace(owner);
    Fixture.Account colleague = join(owner, ws, Role.MEMBER);
    Workspace second = owner.admin().workspaces().create("second");
    Member again = owner.admin().members().invite(second.id(), colleague.email(), Role.VIEWER);
    assertThat(again.status()).isEqualTo(MemberStatus.ACTIVE);
    AiSetuAdmin admin = colleague.admin();
    assertThat(admin.workspaces().listMembers(second.id())).hasSize(2);
  }
}
