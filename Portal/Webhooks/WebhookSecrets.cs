using Microsoft.AspNetCore.DataProtection;

namespace Portal.Webhooks;

/// <summary>
/// Keeps signing secrets protected at rest with ASP.NET Core Data Protection. The secret must be readable again to
/// sign (unlike a password), so it is encrypted, not hashed; every instance that sends webhooks needs the same
/// Data Protection key ring (ADR-009).
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Portal.Webhooks.SigningSecret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
