namespace Portal.Engine.Simulation;

/// <summary>
/// <c>Engine:Simulation</c>: how long the simulated New Commerce takes for each step of a migration (counted from
/// the request, one after the other; seconds in the demo, hours in real life), and which migrations it fails.
/// </summary>
public sealed class SimulationOptions
{
    /// <summary>From the request until the legacy side is suspended and its billing stops.</summary>
    public TimeSpan BeginAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>From the suspension until the New Commerce subscriptions exist (and are billed).</summary>
    public TimeSpan CreateAfter { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan ProvisionAfter { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan CompleteAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Migrations whose external reference starts with this fail before the legacy side is touched.</summary>
    public string FailWhileActivePrefix { get; set; } = "FAIL-ACTIVE";

    /// <summary>Migrations whose external reference starts with this fail after the legacy side was suspended.</summary>
    public string FailWhileSuspendedPrefix { get; set; } = "FAIL-SUSPENDED";

    /// <summary>
    /// Migrations whose external reference starts with this fail after the legacy side was suspended, and Microsoft
    /// corrects them <see cref="CorrectAfter"/> later: the New Commerce subscriptions are created and provisioned and
    /// the migration completes, inside the 72 hours (otherwise it is reverted at the deadline).
    /// </summary>
    public string FailThenCorrectedPrefix { get; set; } = "FAIL-CORRECTED";

    /// <summary>From the failure of a <see cref="FailThenCorrectedPrefix"/> migration until Microsoft corrects it.</summary>
    public TimeSpan CorrectAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Legacy subscriptions whose migrations fail while still Active.</summary>
    public List<Guid> FailWhileActive { get; set; } = [];

    /// <summary>Legacy subscriptions whose migrations fail once suspended.</summary>
    public List<Guid> FailWhileSuspended { get; set; } = [];
}
