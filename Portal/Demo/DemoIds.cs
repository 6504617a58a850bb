using System.Security.Cryptography;
using System.Text;
using Portal.Domain.Partners;

namespace Portal.Demo;

/// <summary>
/// The fixed identities of the demo and scale data. Ids of customers, subscriptions, migrations and schedules are
/// derived from readable keys, so every seeded database holds the same ids and a link in a bug report still works.
/// </summary>
public static class DemoIds
{
    public static readonly Guid ContosoTenantId = Guid.Parse("0c0a7050-c10d-4a47-9000-000000000001");
    public const string ContosoMpnId = "4871234";

    public static readonly Guid NorthwindTenantId = Guid.Parse("0a07f1d0-5a2d-4b0c-9000-000000000002");
    public const string NorthwindMpnId = "5392817";

    public static readonly Guid ScaleTenantId = Guid.Parse("5ca1e000-7e57-4000-9000-000000000003");
    public const string ScaleMpnId = "9900001";

    /// <summary>An indirect reseller that is no longer an active partner: subscriptions naming it hit reason 9.</summary>
    public const string InactiveResellerMpnId = "7770001";

    public static PartnerOrganization Contoso => new()
    {
        TenantId = ContosoTenantId,
        Name = "Contoso Cloud Partners",
        MpnId = ContosoMpnId,
        Environment = PartnerEnvironment.Production,
    };

    public static PartnerOrganization Northwind => new()
    {
        TenantId = NorthwindTenantId,
        Name = "Northwind Sandbox",
        MpnId = NorthwindMpnId,
        Environment = PartnerEnvironment.Sandbox,
    };

    public static PartnerOrganization ScalePartner => new()
    {
        TenantId = ScaleTenantId,
        Name = "Scale Test Partner",
        MpnId = ScaleMpnId,
        Environment = PartnerEnvironment.Production,
    };

    /// <summary>A name-based GUID (RFC 9562 version 8) from SHA-256 of <paramref name="key"/>: the same key, the same id.</summary>
    public static Guid Stable(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("portal-demo:" + key), hash);
        return FromBytes(hash[..16]);
    }

    /// <summary>A GUID from 16 random bytes, marked version 8 so it cannot collide with the version 4/7 ids the app makes.</summary>
    public static Guid FromBytes(ReadOnlySpan<byte> sixteen)
    {
        Span<byte> bytes = stackalloc byte[16];
        sixteen[..16].CopyTo(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
