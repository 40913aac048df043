package ai.aisetu.admin.model;

/** An upstream model provider reachable with the tenant's own credential (BYOK). */
public enum Provider {
  OPENAI,
  ANTHROPIC,
  BEDROCK
}
