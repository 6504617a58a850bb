using Portal.Domain.Common;

namespace Portal.Tests.Domain.Lifecycle;

/// <summary>Every transition the lifecycle forbids throws the one <see cref="DomainException"/> type.</summary>
public class IllegalTransitionTests
{
    private static readonly DateTimeOffset Later = Bundle.RequestedAt.AddHours(2);

    private static readonly Dictionary<string, Action> Transitions = new()
    {
        ["complete before provisioning"] = () =>
        {
            var bundle = Bundle.Alone();
            var migration = bundle.RequestAndBegin();
            migration.RecordNceSubscriptionCreated(bundle.Base.Id, Guid.NewGuid(), Later);
            migration.Complete(bundle.Members, Later);
        },
        ["complete before beginning"] = () =>
        {
            var bundle = Bundle.Alone();
            bundle.Request().Complete(bundle.Members, Later);
        },
        ["begin twice"] = () =>
        {
            var bundle = Bundle.Alone();
            bundle.RequestAndBegin().Begin(bundle.Members);
        },
        ["revert a processing migration"] = () =>
        {
            var bundle = Bundle.Alone();
            bundle.RequestAndBegin().Revert(bundle.Members, Later);
        },
        ["revert a requested migration"] = () =>
        {
            var bundle = Bundle.Alone();
            bundle.Request().Revert(bundle.Members, Later);
        },
        ["revert a completed migration"] = () =>
        {
            var bundle = Bundle.Alone();
            var migration = bundle.RequestAndBegin();
            bundle.Finish(migration, Later);
            migration.Revert(bundle.Members, Later);
        },
        ["revert twice"] = () =>
        {
            var bundle = Bundle.Alone();
            var migration = bundle.RequestAndBegin();
            migration.Fail(bundle.Members, "E", "Error.", Later);
            migration.Revert(bundle.Members, Later);
            migration.Revert(bundle.Members, Later);
        },
        ["provision before creation"] = () =>
        {
            var bundle = Bundle.Alone();
            bundle.RequestAndBegin().RecordProvisioned(bundle.Base.Id, Later);
        },
        ["fail a completed migration"] = () =>
        {
            var bundle = Bundle.Alone();
            var migration = bundle.RequestAndBegin();
            bundle.Finish(migration, Later);
            migration.Fail(bundle.Members, "E", "Error.", Later);
        },
        ["fail a reverted migration"] = () =>
        {
            var bundle = Bundle.Alone();
            var migration = bundle.RequestAndBegin();
            migration.Fail(bundle.Members, "E", "Error.", Later);
            migration.Revert(bundle.Members, Later);
            migration.Fail(bundle.Members, "E", "Error.", Later);
        },
        ["request an already reserved subscription"] = () =>
        {
            var bundle = Bundle.Alone();
            bundle.Request();
            bundle.Request();
        },
        ["request a suspended subscription"] = () =>
        {
            var bundle = Bundle.Alone();
            bundle.RequestAndBegin();
            bundle.Request(at: Later);
        },
        ["cancel a legacy subscription a requested migration holds"] = () =>
        {
            var bundle = Bundle.Alone();
            bundle.Request();
            bundle.Base.Cancel();
        },
        ["cancel a legacy subscription a begun migration holds"] = () =>
        {
            var bundle = Bundle.WithAddOns(1);
            bundle.RequestAndBegin();
            bundle.AddOns[0].Cancel();
        },
        ["cancel a migrated legacy subscription"] = () =>
        {
            var bundle = Bundle.Alone();
            bundle.Finish(bundle.RequestAndBegin(), Later);
            bundle.Base.Cancel();
        },
    };

    public static TheoryData<string> Names => [.. Transitions.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void An_illegal_transition_throws_DomainException(string transition)
    {
        var error = Assert.Throws<DomainException>(Transitions[transition]);

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
