package ai.aisetu.mcp.tools.admin;

import ai.aisetu.admin.model.CreditBalance;
import ai.aisetu.admin.model.TopUpIntent;
import ai.aisetu.mcp.tools.Access;
import ai.aisetu.mcp.tools.ObjectSchema;
import ai.aisetu.mcp.tools.ToolDefinition;
import ai.aisetu.mcp.tools.ToolResult;
import ai.aisetu.mcp.tools.Toolset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code billing} toolset: the tenant's prepaid credit and its top-ups. Money is in cents. */
public final class BillingTools {
  private BillingTools() {}

  public static List<ToolDefinition> all() {
    return List.of(creditBalance(), createTopUpIntent(), topUps());
  }

  static ToolDefinition creditBalance() {
    return tool("billing_credit_balance", Access.READ)
        .title("Get the credit balance")
        .description("Gets the tenant's prepaid credit balance, in cents. Use it before a top-up"
            + " or with usage_projection to judge the runway. Needs a PAT with admin:read.")
        .inputSchema(ObjectSchema.builder().property("tenantId", Schemas.tenantId(), false).build())
        .outputSchema(ObjectSchema.builder()
            .string("tenantId", "The tenant.", true)
            .property("balanceCents", Schemas.integer("The balance in cents of currency."), true)
            .string("currency", "ISO-4217 currency, e.g. USD.", true)
            .property("updatedAt", Schemas.dateTime("When the balance last changed."), true)
            .build())
        .idempotent(true)
        .handler(call -> {
          CreditBalance balance =
              call.admin().billing().creditBalance(call.tenantId(), call.cancellation());
          return ToolResult.ok(balance, "Credit balance: "
              + money(balance.balanceCents(), balance.currency()) + ".");
        })
        .build();
  }

  static ToolDefinition createTopUpIntent() {
    return tool("billing_create_top_up_intent", Access.WRITE)
        .title("Start a credit top-up")
        .description("Starts a credit top-up and returns a checkoutUrl where a person completes"
            + " the payment; the balance grows once it is paid (status SUCCEEDED in"
            + " billing_top_ups). Pass an idempotencyKey so that a retry returns the same top-up"
            + " instead of a second one. Needs a PAT with admin:write and the OWNER or ADMIN role"
            + " in a workspace of the tenant.")
        .inputSchema(ObjectSchema.builder()
            .property("tenantId", Schemas.tenantId(), false)
            .property("amountCents", Schemas.integer("The amount in cents: 500 ($5.00) to 1000000"
                + " ($10,000.00).", 500, 1_000_000), true)
            .property("currency", Schemas.oneOf("ISO-4217 currency; only USD, the default.",
                List.of("USD")), false)
            .property("idempotencyKey", Schemas.text("Any unique string, 1 to 255 characters;"
                + " the same key returns the same top-up.", 1, 255), false)
            .build())
        .outputSchema(Schemas.topUpIntent())
        .handler(call -> {
          TopUpIntent intent = call.admin().billing().createTopUpIntent(
              call.tenantId(),
              Inputs.requiredIntInRange(call, "amountCents", 500, 1_000_000),
              call.optionalString("currency").orElse(null),
              call.optionalString("idempotencyKey").orElse(null),
              call.cancellation());
          return ToolResult.ok(intent, "Top-up " + intent.id() + " of "
              + money(intent.amountCents(), intent.currency()) + " is " + intent.status()
              + "; pay at " + intent.checkoutUrl());
        })
        .build();
  }

  static ToolDefinition topUps() {
    return tool("billing_top_ups", Access.READ)
        .title("List top-ups")
        .description("Lists the tenant's credit top-ups, newest first, with their status (PENDING"
            + " until paid). Needs a PAT with admin:read.")
        .inputSchema(ObjectSchema.builder().property("tenantId", Schemas.tenantId(), false).build())
        .outputSchema(Schemas.listOf("topUps", Schemas.topUpIntent(), "The top-ups."))
        .idempotent(true)
        .handler(call -> {
          List<TopUpIntent> topUps =
              call.admin().billing().topUps(call.tenantId(), call.cancellation());
          return ToolResult.ok(Map.of("topUps", topUps), Summaries.count(topUps.size(), "top-up",
              topUps.stream().map(t -> money(t.amountCents(), t.currency()) + " " + t.status())
                  .collect(Collectors.toList())));
        })
        .build();
  }

  private static ToolDefinition.Builder tool(String name, Access access) {
    return ToolDefinition.builder(name).toolset(Toolset.BILLING).access(access);
  }

  /** 12345, USD: "123.45 USD". */
  static String money(long cents, String currency) {
    return String.format(Locale.ROOT, "%s%d.%02d %s",
        cents < 0 ? "-" : "", Math.abs(cents) / 100, Math.abs(cents) % 100, currency);
  }
}
