package ai.aisetu.local;

/**
 * Proves a provider secret authenticates upstream without spending quota. An unreachable
 * upstream is a result with {@code ok == false} and a plain message, never an exception.
 */
interface CredentialProbe {
  record Result(boolean ok, String message, long latencyMs) {}

  /** {@code secret} is the API key, or for BEDROCK the AWS secret access key. */
  Result probe(String provider, String secret, String awsAccessKeyId, String awsRegion);
}
