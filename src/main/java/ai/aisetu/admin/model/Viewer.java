package ai.aisetu.admin.model;

import java.util.List;

/** Who the presented PAT belongs to: the user, the tenant, the PAT's id and its scopes. */
public record Viewer(User user, Tenant tenant, String patId, List<String> scopes) {}
