namespace Portal.Instances;

/// <summary>
/// One entry of the distributed token cache (<see cref="DatabaseTokenCache"/>): MSAL's serialized cache of one user
/// or one application, as Identity.Web writes it. Times are Unix milliseconds (UTC), the same on both providers.
/// </summary>
public sealed class TokenCacheEntry
{
    public const int MaxKeyLength = 256;

    public string Key { get; set; } = "";

    /// <summary>The cache blob; Identity.Web encrypts it with the Data Protection key ring before it comes here.</summary>
    public byte[] Value { get; set; } = [];

    /// <summary>When the entry stops being served (sliding expirations move it forward on each read).</summary>
    public long ExpiresAt { get; set; }

    /// <summary>The sliding expiration in milliseconds, when the writer asked for one.</summary>
    public long? SlidingMilliseconds { get; set; }

    /// <summary>The latest the entry may live, whatever sliding says.</summary>
    public long? AbsoluteExpiresAt { get; set; }
}
