package ai.aisetu.admin.model;

import java.util.List;

/** For one provider: whether BYOK is supported and which input fields a credential needs. */
public record ProviderAvailability(
    Provider provider, boolean byokSupported, List<String> requiredFields) {}
