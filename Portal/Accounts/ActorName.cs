namespace Portal.Accounts;

/// <summary>How the signed-in person is named in audit entries and on the changes they make: their email (user name).</summary>
public static class ActorName
{
    public static string Of(CurrentPartner partner)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return partner.User.Identity?.Name ?? partner.DisplayName;
    }
}
