namespace Portal.Demo;

/// <summary>The <c>Demo</c> section of the configuration.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the two demo partners at start-up when they are missing. On unless <c>Demo:Enabled=false</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The synthetic benchmark data set of the "Scale Test Partner"; off while <c>Customers</c> is 0.</summary>
    public ScaleOptions Scale { get; set; } = new();

    public static DemoOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DemoOptions>() ?? new DemoOptions();
}

/// <summary><c>Demo:Scale</c>: how large a synthetic data set to generate for benchmarks.</summary>
public sealed class ScaleOptions
{
    /// <summary>Customers of the Scale Test Partner; 0 generates nothing.</summary>
    public int Customers { get; set; }

    /// <summary>Legacy subscriptions per customer (bases and add-ons), so the total is exactly Customers x this.</summary>
    public int SubscriptionsPerCustomer { get; set; } = 10;

    /// <summary>
    /// Migrations requested per customer, with their events: about half completed (their New Commerce subscriptions
    /// created), the others failed while active and retried, reverted, or still in flight; 0 (the default) makes none.
    /// Each customer also gets a schedule on renewal for one of its free active bases when it has migrations.
    /// </summary>
    public int MigrationsPerCustomer { get; set; }

    /// <summary>Extra customers with these many legacy subscriptions each (e.g. 200 and 1000), named "Large Customer N".</summary>
    public IList<int> LargeCustomers { get; } = new List<int>();

    /// <summary>Seed of the random generator: the same seed gives the same customers and subscriptions.</summary>
    public int Seed { get; set; } = 20_260_101;

    public int TotalSubscriptions => checked(Customers * SubscriptionsPerCustomer);
}
