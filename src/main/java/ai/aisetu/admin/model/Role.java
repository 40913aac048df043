package ai.aisetu.admin.model;

/** A member's role in one workspace. */
public enum Role {
  /** Everything, including billing and removing other owners. Every workspace keeps at least one. */
  OWNER,
  /** Manages members, API keys and credentials. */
  ADMIN,
  /** Uses the workspace and its keys. */
  MEMBER,
  /** Reads only. */
  VIEWER
}
