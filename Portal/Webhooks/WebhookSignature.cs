using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Webhooks;

/// <summary>
/// How a delivery is signed, and how a receiver checks it (README, ADR-009): HMAC-SHA256, keyed with the webhook's
/// secret (its UTF-8 bytes), over <c>"{timestamp}.{raw body}"</c>, where the timestamp is the
/// <see cref="TimestampHeader"/> value (Unix seconds of the attempt). Signing the timestamp with the body lets a receiver
/// refuse a replayed old request.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Portal-Signature";
    public const string TimestampHeader = "X-Portal-Timestamp";
    public const string EventHeader = "X-Portal-Event";
    public const string DeliveryHeader = "X-Portal-Delivery";
    public const string Prefix = "sha256=";

    /// <summary>The <see cref="SignatureHeader"/> value: <c>sha256=</c> and the lower-case hex HMAC.</summary>
    public static string Sign(string secret, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>What a receiver does: recompute and compare in constant time, and refuse timestamps too far from now.</summary>
    public static bool Verify(string secret, string? timestampHeader, string? signatureHeader, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) || signatureHeader is null)
        {
            return false;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(timestamp);
        if (age.Duration() > tolerance)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var actual = Encoding.ASCII.GetBytes(signatureHeader.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>A new secret: 32 random bytes, base64url, with a recognisable prefix.</summary>
    public static string NewSecret() =>
        "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
