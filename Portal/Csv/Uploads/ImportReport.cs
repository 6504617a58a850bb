using System.Globalization;

namespace Portal.Csv.Uploads;

/// <summary>How an upload is applied. The default applies nothing unless every row is right.</summary>
public enum ImportMode
{
    /// <summary>Every row is validated; if any is wrong nothing is applied and the answer lists each row's errors.</summary>
    AllOrNothing,

    /// <summary>Chosen explicitly: the right rows are applied, the wrong ones reported and left out.</summary>
    Partial,

    /// <summary>Check only: every row validated, nothing applied.</summary>
    ValidateOnly,
}

/// <summary>Who uploads: the partner organization and the user or API key acting for it.</summary>
public sealed record ImportActor(Guid PartnerTenantId, string Name);

/// <summary>What is wrong with one row: the column concerned (when one is) and what to do about it.</summary>
public sealed record ImportIssue(string? Column, string Message)
{
    public override string ToString() => Column is null ? Message : $"{Column}: {Message}";
}

/// <summary>One row of an upload: its line in the file, what it names, its errors, and what became of it.</summary>
public sealed record ImportRowResult(int Line, string Key, IReadOnlyList<ImportIssue> Errors, string? Outcome = null)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The answer to an upload: a file-level refusal (wrong columns, not UTF-8, bad quoting, empty, too large), or a
/// line per row with its errors and outcome, and how many rows were applied.
/// </summary>
public sealed record ImportReport(
    string Kind,
    string FileName,
    ImportMode Mode,
    string? FileError,
    IReadOnlyList<ImportRowResult> Rows,
    int Applied,
    string? BatchId = null)
{
    public int Invalid => Rows.Count(r => !r.IsValid);

    public bool Succeeded => FileError is null && (Mode == ImportMode.Partial ? Applied > 0 || Invalid == 0 : Invalid == 0);

    public static ImportReport Refused(string kind, string fileName, ImportMode mode, string error) => new(kind, fileName, mode, error, [], 0);

    /// <summary>One sentence for the page, the API and the audit log.</summary>
    public string Summary => FileError is not null
        ? $"Nothing was applied: {FileError}"
        : Mode switch
        {
            ImportMode.ValidateOnly when Invalid == 0 => Invariant($"All {Rows.Count:N0} rows are valid. Nothing was applied (check only)."),
            ImportMode.ValidateOnly => Invariant($"{Invalid:N0} of {Rows.Count:N0} rows have errors. Nothing was applied (check only)."),
            ImportMode.AllOrNothing when Invalid > 0 => Invariant($"Nothing was applied: {Invalid:N0} of {Rows.Count:N0} rows have errors. Correct them and upload the file again, or choose partial import."),
            ImportMode.Partial when Invalid > 0 => Invariant($"{Applied:N0} of {Rows.Count:N0} rows were applied; {Invalid:N0} rows have errors and were left out."),
            _ => Invariant($"All {Rows.Count:N0} rows were applied ({Applied:N0} changed)."),
        };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
