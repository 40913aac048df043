package ai.aisetu.admin.model;

/** The answer to a login-code request; {@code sent} is always true (no account enumeration). */
public record LoginCodeRequest(boolean sent, int expiresInSeconds) {}
