using NeuronAtlas.Core.Activations;

namespace NeuronAtlas.Web.Catalog;

/// <summary>Publishes build progress to <see cref="CatalogState"/> (for the "building" page) and to the log, at most one line per interval and stage.</summary>
public sealed class CatalogBuildProgress(CatalogState state, ILogger logger, TimeSpan logInterval) : IProgress<DatasetPassProgress>
{
    private readonly Lock _gate = new();
    private string? _lastStage;
    private DateTime _lastLog = DateTime.MinValue;

    public void Report(DatasetPassProgress value)
    {
        state.ReportBuildProgress(value);
        lock (_gate)
        {
            var now = DateTime.UtcNow;
            bool finished = value.Total > 0 && value.Done >= value.Total;
            if (value.Stage == _lastStage && !finished && now - _lastLog < logInterval) return;
            _lastStage = value.Stage;
            _lastLog = now;
        }
        logger.LogInformation("Building the atlas: {Stage} {Percent}% ({Done}/{Total}), {Rate:F1} images/s, ETA {Eta}",
            value.Stage, Percent(value), value.Done, value.Total, value.ImagesPerSecond, FormatEta(value.Eta));
    }

    public static int Percent(DatasetPassProgress p) =>
        p.Total <= 0 ? 0 : (int)Math.Clamp(100L * p.Done / p.Total, 0, 100);

    public static string FormatEta(TimeSpan? eta) =>
        eta is { } e ? (e.TotalHours >= 1 ? e.ToString(@"h\:mm\:ss") : e.ToString(@"m\:ss")) : "unknown";
}
