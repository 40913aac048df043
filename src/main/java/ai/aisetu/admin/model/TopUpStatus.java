package ai.aisetu.admin.model;

/** The state of a credit top-up. */
public enum TopUpStatus {
  PENDING,
  SUCCEEDED,
  FAILED,
  EXPIRED
}
