package ai.aisetu.mcp.tools.admin;

import ai.aisetu.admin.model.UsageProjection;
import ai.aisetu.mcp.tools.Access;
import ai.aisetu.mcp.tools.ObjectSchema;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.ToolResult;
import ai.aisetu.mcp.tools.Toolset;
import java.util.List;

/** The {@code usage} toolset: spend and runway. */
public final class UsageTools {
  private UsageTools() {}

  public static List<ToolDefinition> all() {
    return List.of(projection());
  }

  static ToolDefinition projection() {
    return ToolDefinition.builder("usage_projection")
        .toolset(Toolset.USAGE)
        .access(Access.READ)
        .title("Project spend and runway")
        .description("Shows the tenant's inference spend this calendar month (UTC), the daily burn"
            + " over the last 7 days, the projected month total, and the runway: how many days the"
            + " credit balance lasts at that burn (null when nothing is being spent). Use it to"
            + " decide whether to top up. Amounts are in cents. Needs a PAT with admin:read.")
        .inputSchema(ObjectSchema.builder().property("tenantId", Schemas.tenantId(), false).build())
        .outputSchema(ObjectSchema.builder()
            .string("tenantId", "The tenant.", true)
            .property("periodStart", Schemas.dateTime("Start of this calendar month, UTC."), true)
            .property("periodEnd", Schemas.dateTime("Start of next month, UTC (exclusive)."), true)
            .string("currency", "ISO-4217 currency of the amounts.", true)
            .property("spentToDateCents", Schemas.integer("Spent so far this month."), true)
            .property("dailyBurnCents", Schemas.integer("Average spend per day, last 7 days."),
                true)
            .property("projectedPeriodTotalCents",
                Schemas.integer("Spent so far plus the daily burn for each remaining day."), true)
            .property("runwayDays", Schemas.nullable("integer",
                "Whole days the balance lasts at the daily burn; null when the burn is 0."), true)
            .property("asOf", Schemas.dateTime("When this projection was computed."), true)
            .build())
        .idempotent(true)
        .handler(call -> {
          UsageProjection p = call.admin().usage().projection(call.tenantId(), call.cancellation());
          return ToolResult.ok(p, "Spent " + BillingTools.money(p.spentToDateCents(), p.currency())
              + " this month, burning " + BillingTools.money(p.dailyBurnCents(), p.currency())
              + "/day, projected " + BillingTools.money(p.projectedPeriodTotalCents(), p.currency())
              + "; runway " + (p.runwayDays() == null ? "unlimited (no spend)"
                  : p.runwayDays() + " days") + ".");
        })
        .build();
  }
}
