package ai.aisetu.admin.model;

/** Whether an invited member has signed in yet. */
public enum MemberStatus {
  INVITED,
  ACTIVE
}
