using System.Security.Cryptography;
using System.Text;

namespace Portal.Api.Keys;

/// <summary>How an API key's secret is made and stored: 32 random bytes, shown once; only its SHA-256 is kept (ADR-013).</summary>
public static class ApiKeySecret
{
    public const string Marker = "pmp_";

    /// <summary>How many leading characters are kept in the clear so a person can tell keys apart.</summary>
    public const int PrefixLength = 12;

    public static string New() =>
        Marker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string PrefixOf(string secret) => secret.Length <= PrefixLength ? secret : secret[..PrefixLength];
}
