package ai.aisetu.local;

/** A member's role in one workspace, strongest first. */
enum Role {
  OWNER,
  ADMIN,
  MEMBER,
  VIEWER;

  boolean atLeast(Role other) {
    return ordinal() <= other.ordinal();
  }
}
