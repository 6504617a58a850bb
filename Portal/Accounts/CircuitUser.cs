using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Portal.Accounts;

/// <summary>
/// The signed-in user of an interactive circuit. A circuit has no HttpContext of its own, so
/// <see cref="CurrentPartner"/> reads the user from here when set: by <see cref="CircuitUserHandler"/> for the circuit,
/// and by whoever opens a child scope for work on the circuit's behalf.
/// </summary>
public sealed class CircuitUser
{
    public ClaimsPrincipal? User { get; set; }
}

/// <summary>Keeps <see cref="CircuitUser"/> equal to the circuit's authentication state (ASP.NET Core's documented pattern).</summary>
internal sealed class CircuitUserHandler(AuthenticationStateProvider authentication, CircuitUser circuitUser) : CircuitHandler, IDisposable
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += Changed;
        return base.OnCircuitOpenedAsync(circuit, cancellationToken);
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            circuitUser.User = (await authentication.GetAuthenticationStateAsync()).User;
            await next(context);
        };

    private void Changed(Task<AuthenticationState> state) =>
        _ = state.ContinueWith(done => circuitUser.User = done.Result.User, TaskContinuationOptions.OnlyOnRanToCompletion);

    public void Dispose() => authentication.AuthenticationStateChanged -= Changed;
}
