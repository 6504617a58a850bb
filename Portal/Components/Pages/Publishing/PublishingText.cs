using System.Globalization;
using Portal.Domain.Common;
using Portal.Domain.Publishing;

namespace Portal.Components.Pages.Publishing;

/// <summary>What a form of the publisher pages did: the desk's outcome (null: the publisher is not the partner's) and the words for success.</summary>
public sealed record PublishingResult(Outcome? Outcome, string Success);

/// <summary>Words and formats the publisher migration pages share.</summary>
public static class PublishingText
{
    public static string TypeName(OfferType type) => type switch
    {
        OfferType.VirtualMachine => "Virtual Machine",
        OfferType.SolutionTemplate => "Solution Template",
        OfferType.TestDrive => "Test Drive",
        OfferType.ManagedApplication => "Managed Application",
        _ => "SaaS",
    };

    /// <summary>"2026-12-08 18:00 UTC (Tue 8 Dec 10:00 your time)".</summary>
    public static string Instant(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return string.Create(CultureInfo.InvariantCulture, $"{instant.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({local:ddd d MMM HH:mm} your time)");
    }

    /// <summary>The slot's start as the book form's radio carries it: ISO 8601 UTC.</summary>
    public static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The refusal's message when it is about <paramref name="field"/> (for the message beside the field).</summary>
    public static string? ErrorFor(Refusal? refusal, params string[] fields) =>
        refusal is not null && fields.Contains(refusal.Code) ? refusal.Message : null;

    public static string Rights(PublisherRole? oldRole, PublisherRole? newRole)
    {
        var rights = new List<string>();
        if (oldRole == PublisherRole.Admin)
        {
            rights.Add("owns the publishing account: confirms the migration slot; manages co-admins on the old portal");
        }
        else if (oldRole == PublisherRole.CoAdmin)
        {
            rights.Add("works on offers on the old portal; cannot confirm the slot");
        }

        if (newRole == PublisherRole.Owner)
        {
            rights.Add("owner on the new portal: edits the publishing profile, adds contributors, works on every migrated offer");
        }
        else if (newRole == PublisherRole.Contributor)
        {
            rights.Add("contributor on the new portal: works on offers; cannot edit the publishing profile or manage users");
        }

        return string.Join("; ", rights);
    }

    public static MudBlazor.Color StatusColor(PublisherMigrationStatus? status) => status switch
    {
        PublisherMigrationStatus.Completed => MudBlazor.Color.Success,
        PublisherMigrationStatus.Failed => MudBlazor.Color.Error,
        PublisherMigrationStatus.Confirmed => MudBlazor.Color.Primary,
        null => MudBlazor.Color.Default,
        _ => MudBlazor.Color.Secondary,
    };
}

/// <summary>What a publishing form says when <see cref="Portal.Accounts.PolicyCheck"/> refuses its user.</summary>
public static class PublishingGuard
{
    public const string Forbidden = "Forbidden";

    public static Outcome Refused(string what) => Outcome.Refused(Forbidden, $"Your role may not {what}.");
}
