using Portal.Domain.Eligibility;

namespace Portal.Migrations;

/// <summary>What kind of answer a desk gave.</summary>
public enum DeskOutcome
{
    Done,

    /// <summary>No such customer, subscription or schedule for this partner (another partner's ids answer the same).</summary>
    NotFound,

    /// <summary>Refused, with the eligibility verdict and/or errors a person can act on.</summary>
    Refused,
}

/// <summary>One reason a request was refused: a stable code, words a person can act on, and the field it concerns (if any).</summary>
public sealed record DeskError(string Code, string Description, string? Field = null);

/// <summary>The answer of <see cref="MigrationDesk"/> and <see cref="Schedules.ScheduleDesk"/>: not found, refused with reasons, or done.</summary>
/// <remarks>The static factories are the point of the type (<c>DeskAnswer&lt;Migration&gt;.NotFound()</c>), hence CA1000 is waived.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Factory methods of a result type.")]
public sealed record DeskAnswer<T>
{
    private DeskAnswer(DeskOutcome outcome, T? value, BundleEligibility? eligibility, IReadOnlyList<DeskError> errors)
    {
        Outcome = outcome;
        Value = value;
        Eligibility = eligibility;
        Errors = errors;
    }

    public DeskOutcome Outcome { get; }

    /// <summary>The result when <see cref="IsDone"/>.</summary>
    public T? Value { get; }

    /// <summary>The verdict, when the refusal (or the answer) comes from eligibility.</summary>
    public BundleEligibility? Eligibility { get; }

    /// <summary>Why it was refused: every ineligibility reason of every member, or the request's own errors.</summary>
    public IReadOnlyList<DeskError> Errors { get; }

    public bool IsDone => Outcome == DeskOutcome.Done;

    public bool IsNotFound => Outcome == DeskOutcome.NotFound;

    public bool IsRefused => Outcome == DeskOutcome.Refused;

    public static DeskAnswer<T> NotFound() => new(DeskOutcome.NotFound, default, null, []);

    public static DeskAnswer<T> Done(T value) => new(DeskOutcome.Done, value, null, []);

    public static DeskAnswer<T> Refused(params DeskError[] errors) => new(DeskOutcome.Refused, default, null, errors);

    /// <summary>Refused because a member is ineligible: the errors list each reason of each member (code = the reason's name, e.g. LicenseLimitReached).</summary>
    public static DeskAnswer<T> Refused(BundleEligibility eligibility) =>
        new(DeskOutcome.Refused, default, eligibility, DeskErrors.From(eligibility));

    /// <summary>The same refusal or not-found, answered for another result type.</summary>
    public DeskAnswer<TOther> As<TOther>() => Outcome == DeskOutcome.Done
        ? throw new InvalidOperationException("Only a refusal or a not-found can be passed on as another type.")
        : new DeskAnswer<TOther>(Outcome, default, Eligibility, Errors);
}

public static class DeskErrors
{
    /// <summary>One error per reason per ineligible member, naming the member.</summary>
    public static IReadOnlyList<DeskError> From(BundleEligibility eligibility) =>
        eligibility.IneligibleMembers
            .SelectMany(m => m.Reasons.Select(r => new DeskError(
                r.Name,
                $"{m.FriendlyName}: {r.Description}")))
            .ToList();
}
