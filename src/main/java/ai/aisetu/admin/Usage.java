package ai.aisetu.admin;

import static java.util.Objects.requireNonNull;

import ai.aisetu.admin.model.UsageProjection;
import ai.aisetu.admin.transport.GraphQLTransport;

/** The tenant's spend and runway: {@code admin.usage()}. */
public final class Usage {
  private final GraphQLTransport transport;

  Usage(GraphQLTransport transport) {
    this.transport = transport;
  }

  /** Spend this calendar month (UTC), the daily burn, and the runway at that burn. */
  public UsageProjection projection(String tenantId) {
    return projection(tenantId, Cancellation.create());
  }

  public UsageProjection projection(String tenantId, Cancellation cancellation) {
    requireNonNull(tenantId, "tenantId == null");
    return transport.execute(
        Operations.USAGE_PROJECTION, Variables.of().put("tenantId", tenantId).map(), cancellation);
  }
}
