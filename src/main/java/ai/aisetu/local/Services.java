package ai.aisetu.local;

/** The resolvers' collaborators, one per area of the schema. */
record Services(Accounts accounts, Workspaces workspaces, ApiKeys apiKeys, Billing billing, Pats pats,
    ProviderCredentials credentials, Logins logins) {}
