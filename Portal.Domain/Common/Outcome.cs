namespace Portal.Domain.Common;

/// <summary>Why the domain refused an action a person asked for, in words they can act on.</summary>
public sealed record Refusal(string Code, string Message);

/// <summary>The result of an action that may be refused for a reason a person must see.</summary>
public sealed record Outcome
{
    private Outcome(Refusal? refusal) => Refusal = refusal;

    public Refusal? Refusal { get; }

    public bool Succeeded => Refusal is null;

    public static Outcome Success { get; } = new((Refusal?)null);

    public static Outcome Refused(string code, string message) => new(new Refusal(code, message));
}
