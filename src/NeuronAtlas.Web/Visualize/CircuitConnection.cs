using Microsoft.AspNetCore.Components.Server.Circuits;

namespace NeuronAtlas.Web.Visualize;

/// <summary>
/// Tells a circuit's live work that its browser connection is gone. Blazor disposes a disconnected circuit only
/// after its retention period (minutes) unless the page said goodbye, so a live render must not wait for the
/// component's disposal to stop and free its slot. A reconnected circuit gets a fresh token for new work.
/// </summary>
public sealed class CircuitConnection : CircuitHandler, IDisposable
{
    private CancellationTokenSource _connection = new();

    /// <summary>Cancelled when the current connection drops.</summary>
    public CancellationToken ConnectionLost => _connection.Token;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _connection.Cancel();
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_connection.IsCancellationRequested)
            Interlocked.Exchange(ref _connection, new CancellationTokenSource()).Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _connection.Dispose();
}
