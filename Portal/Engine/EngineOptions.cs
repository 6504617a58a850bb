namespace Portal.Engine;

/// <summary>The <c>Engine</c> section of the configuration.</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    public WorkerOptions Worker { get; set; } = new();

    public Simulation.SimulationOptions Simulation { get; set; } = new();

    public static EngineOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<EngineOptions>() ?? new EngineOptions();
}

/// <summary><c>Engine:Worker</c>: the background worker of this instance.</summary>
public sealed class WorkerOptions
{
    /// <summary>Run the worker in this instance (on by default; the web tests turn it off to keep the demo data still).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between two passes over the due work.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a claim on one piece of work lasts; a crashed instance's work is picked up after this (ADR-007).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="MaxParallelSteps"/>.</summary>
    public const int DefaultParallelSteps = 8;

    /// <summary>
    /// How many customers' migrations one pass advances at once (each step its own unit of work; a customer's own
    /// migrations one at a time). 1 advances everything one after another.
    /// </summary>
    public int MaxParallelSteps { get; set; } = DefaultParallelSteps;

    /// <summary>How many passes may follow each other without waiting <see cref="PollInterval"/>, while each finds work.</summary>
    public int MaxBackToBackPasses { get; set; } = 50;

    /// <summary>This instance's name in the work claims; machine, process and a random suffix by default.</summary>
    public string? InstanceName { get; set; }
}
