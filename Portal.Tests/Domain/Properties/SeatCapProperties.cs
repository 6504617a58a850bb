using FsCheck;
using FsCheck.Fluent;
using Portal.Domain.Catalog;
using Portal.Domain.Eligibility;
using Portal.Domain.Migrations;
using Portal.Domain.Subscriptions;
using Portal.Tests.Domain.Eligibility;

namespace Portal.Tests.Domain.Properties;

/// <summary>
/// Property-based tests (FsCheck, ADR-025) of the SMB seat cap, 300 seats per customer per New Commerce product: under
/// any order of seat requests (migrations carrying seats over, raising or lowering them, seat decreases and cancellations
/// of New Commerce subscriptions, migrations in flight that create their subscription, complete or fail), each verdict is
/// compared with a simple model: held seats are those of active subscriptions plus those in flight not yet created, and
/// a request is accepted exactly when held + requested stays within the cap.
/// </summary>
public class SeatCapProperties
{
    private const int Cap = LegacyOffer.SmbSeatLimit;

    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static readonly LegacyOffer Smb = A.BusinessStandard;

    /// <summary>One step: what happens (Kind) and two numbers it reads (seat counts, or which subscription).</summary>
    private sealed record Step(int Kind, int First, int Second);

    /// <summary>A migration the model knows: its legacy id, its seats, and the New Commerce subscription it created, if any.</summary>
    private sealed class Flight(Guid legacyId, int seats)
    {
        public Guid LegacyId { get; } = legacyId;

        public int Seats { get; } = seats;

        public NceSubscription? Created { get; set; }
    }

    private static readonly Gen<Step> Steps =
        Gen.Choose(0, 9).SelectMany(kind => Gen.Choose(1, 320).SelectMany(first => Gen.Choose(0, 320).Select(second => new Step(kind, first, second))));

    /// <summary>Seats already in New Commerce before the sequence starts, bought long ago (outside the 7-day window).</summary>
    private static readonly Gen<List<int>> OldSubscriptions = Gen.Choose(1, 150).ListOf().Select(l => l.Take(3).ToList());

    [Fact]
    public void Under_any_order_of_seat_requests_a_migration_is_accepted_exactly_when_it_keeps_the_product_within_the_cap()
    {
        var cases = OldSubscriptions.SelectMany(old => Steps.ListOf().Select(steps => (Old: old, Steps: steps)));

        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var nce = c.Old.Select(seats => EligibilityTestData.ActiveNce(Smb, seats)).ToList();
            var flights = new List<Flight>();
            var legacy = new List<LegacySubscription>();

            // Seats the model says the customer holds in the product: active subscriptions, and migrations in flight
            // whose subscription does not exist yet (once it does, its seats are counted through it).
            int Held() => nce.Where(s => s.Status == NceSubscriptionStatus.Active).Sum(s => s.Quantity)
                + flights.Where(f => f.Created is null).Sum(f => f.Seats);

            // Whatever came before, the accepted seats never exceed the cap... unless the customer started above it.
            var startedOver = Held() > Cap;
            foreach (var step in c.Steps)
            {
                switch (step.Kind)
                {
                    case <= 3:
                        // A migration of a new legacy subscription of the product: seats carried over (Second = 0), or
                        // raised or lowered to Second on the way.
                        var subscription = A.Subscription().Of(Smb).WithSeats(step.First).Build();
                        legacy.Add(subscription);
                        var target = step.Second == 0 ? null : MigrationTarget.CarryOver(subscription) with { Quantity = step.Second };
                        var seats = target?.Quantity ?? subscription.Quantity;
                        var held = Held();
                        var context = A.Context().With(legacy.ToArray()).With(nce.ToArray());
                        foreach (var flight in flights)
                        {
                            context.WithInFlight(new InFlightSeats(flight.LegacyId, Smb.Mapping!.ProductSku, flight.Seats));
                        }

                        var result = context.Evaluate(new MigrationRequest(subscription.Id) { Target = target });
                        var fits = held + seats <= Cap;
                        if (result.IsEligible != fits)
                        {
                            return false.Label($"{seats} seats with {held} held: expected {(fits ? "accepted" : "refused")}, got {Expect.Describe(result.Members)}");
                        }

                        if (!fits)
                        {
                            var reason = Assert.Single(result.Requested.Reasons);
                            if (reason.Name != nameof(EligibilityReasons.LicenseLimitReached)
                                || !reason.Description.Contains($"{held} are already there", StringComparison.Ordinal)
                                || !reason.Description.Contains($"At most {Math.Max(0, Cap - held)} can migrate", StringComparison.Ordinal))
                            {
                                return false.Label($"refused {seats} seats with {held} held as: {reason}");
                            }
                        }
                        else
                        {
                            flights.Add(new Flight(subscription.Id, seats));
                        }

                        break;
                    case 4 when flights.Any(f => f.Created is null):
                        // The migration in flight creates its New Commerce subscription (before it completes).
                        var creating = flights.Where(f => f.Created is null).ElementAt(step.First % flights.Count(f => f.Created is null));
                        creating.Created = A.NceSubscription().Of(Smb).WithSeats(creating.Seats).CreatedAt(A.Now.AddHours(-1)).MigratedFrom(creating.LegacyId).Build();
                        nce.Add(creating.Created);
                        break;
                    case 5 when flights.Any(f => f.Created is not null):
                        // It completes: only its subscription holds the seats now.
                        flights.Remove(flights.Where(f => f.Created is not null).ElementAt(step.First % flights.Count(f => f.Created is not null)));
                        break;
                    case 6 when flights.Any(f => f.Created is null):
                        // It fails before creating anything and is reverted: its seats are free again.
                        flights.Remove(flights.Where(f => f.Created is null).ElementAt(step.First % flights.Count(f => f.Created is null)));
                        break;
                    case 7 or 8 when nce.Any(s => s.Status == NceSubscriptionStatus.Active):
                        // A seat decrease to Second: only a new subscription's seats (inside 7 days) can be removed.
                        var active = nce.Where(s => s.Status == NceSubscriptionStatus.Active).ToList();
                        var reduced = active[step.First % active.Count];
                        var before = reduced.Quantity;
                        var recent = reduced.IsInCancellationWindow(A.Now);
                        var allowed = step.Second >= 1 && step.Second < before && recent;
                        var outcome = reduced.ReduceSeats(step.Second, A.Now);
                        if (outcome.Succeeded != allowed || reduced.Quantity != (allowed ? step.Second : before))
                        {
                            return false.Label($"{before} -> {step.Second} seats ({(recent ? "recent" : "old")}): {outcome.Refusal?.Code ?? "accepted"}");
                        }

                        break;
                    case 9 when nce.Any(s => s.Status == NceSubscriptionStatus.Active):
                        // A cancellation: allowed inside the 7-day window, and then its seats no longer count.
                        var candidates = nce.Where(s => s.Status == NceSubscriptionStatus.Active).ToList();
                        var cancelled = candidates[step.First % candidates.Count];
                        var cancellable = cancelled.IsInCancellationWindow(A.Now);
                        if (cancelled.Cancel(A.Now).Succeeded != cancellable)
                        {
                            return false.Label($"cancellation of a subscription {(cancellable ? "inside" : "outside")} its window");
                        }

                        break;
                }

                if (!startedOver && Held() > Cap)
                {
                    return false.Label($"{Held()} seats held after {step}");
                }
            }

            return true.ToProperty();
        }));
    }

    [Fact]
    public void Whatever_the_order_of_the_same_requests_the_accepted_seats_stay_within_the_cap_and_requests_that_fit_together_all_pass()
    {
        var cases = Gen.Choose(1, 200).ListOf().SelectMany(sizes => Gen.Shuffle(sizes.ToArray()).Select(order => (Sizes: sizes, Order: order)));

        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var inOrder = AcceptInOrder(c.Sizes);
            var shuffled = AcceptInOrder(c.Order);
            var allFit = c.Sizes.Sum() <= Cap;
            return (inOrder.Sum() <= Cap).Label($"accepted {inOrder.Sum()} seats of {string.Join(", ", c.Sizes)}")
                .And((shuffled.Sum() <= Cap).Label($"accepted {shuffled.Sum()} seats of {string.Join(", ", c.Order)}"))
                .And((!allFit || (inOrder.Count == c.Sizes.Count && shuffled.Count == c.Sizes.Count)).Label("requests that fit together were refused"))
                .And((allFit || c.Sizes.Count == 0 || inOrder.Count < c.Sizes.Count).Label("every request passed though they do not fit together"));
        }));
    }

    [Fact]
    public void A_bundle_of_smb_add_ons_passes_exactly_when_all_its_members_fit_beside_the_seats_held_and_each_member_over_is_refused_for_the_cap()
    {
        var cases = Gen.Choose(0, 300).SelectMany(held => Gen.Choose(1, 150).ListOf().Select(l => l.Take(4).ToList()).Where(l => l.Count > 0).Select(seats => (Held: held, Seats: seats)));

        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var smbAddOn = EligibilityTestData.SmbAddOn;
            var @base = A.Subscription().Of(A.Office365E3).Build();
            var bought = new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);
            var addOns = c.Seats.Select((seats, i) => A.Subscription().Of(smbAddOn).AddOnOf(@base).WithSeats(seats).BoughtAt(bought.AddDays(i)).Build()).ToList();
            var context = A.Context().WithOffer(smbAddOn).With(addOns.Prepend(@base).ToArray());
            if (c.Held > 0)
            {
                context.With(EligibilityTestData.ActiveNce(smbAddOn, c.Held));
            }

            var result = context.Evaluate(@base);

            // Members are judged in purchase order, each beside the seats held and the members before it.
            var over = c.Seats.Select((seats, i) => c.Held + c.Seats.Take(i + 1).Sum() > Cap).ToList();
            var membersRight = result.AddOns.Select((member, i) => over[i]
                ? member.Reasons.Count == 1 && member.Reasons[0].Name == nameof(EligibilityReasons.LicenseLimitReached)
                : member.IsEligible).All(ok => ok);
            var fits = c.Held + c.Seats.Sum() <= Cap;
            return (result.IsEligible == fits).Label($"{string.Join(" + ", c.Seats)} beside {c.Held}: {Expect.Describe(result.Members)}")
                .And(membersRight.Label($"members: {Expect.Describe(result.Members)}"))
                .And((fits || result.Requested.Reasons.Any(r => r.Name == nameof(EligibilityReasons.SubscriptionAddOnsPresent))).Label("the base is not blocked by its add-ons"));
        }));
    }

    /// <summary>Migrates subscriptions of the product one after another (each in flight as the next is judged); returns the accepted seat counts.</summary>
    private static List<int> AcceptInOrder(IEnumerable<int> sizes)
    {
        var accepted = new List<int>();
        var flights = new List<InFlightSeats>();
        foreach (var size in sizes)
        {
            var subscription = A.Subscription().Of(Smb).WithSeats(size).Build();
            var context = A.Context().With(subscription);
            foreach (var flight in flights)
            {
                context.WithInFlight(flight);
            }

            if (context.Evaluate(subscription).IsEligible)
            {
                accepted.Add(size);
                flights.Add(new InFlightSeats(subscription.Id, Smb.Mapping!.ProductSku, size));
            }
        }

        return accepted;
    }
}
