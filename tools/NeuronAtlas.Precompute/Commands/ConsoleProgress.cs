using NeuronAtlas.Core.Activations;
using Spectre.Console;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>Shows dataset-pass progress: a live bar on a terminal, a line every few seconds otherwise (CI logs).</summary>
internal static class ConsoleProgress
{
    public static async Task<T> RunAsync<T>(string title, Func<IProgress<DatasetPassProgress>, Task<T>> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive || Console.IsOutputRedirected)
            return await work(new LineProgress());
        T result = default!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ThroughputColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(title, maxValue: 1);
                result = await work(new Progress<DatasetPassProgress>(p =>
                {
                    task.Description = $"{title}: {p.Stage}";
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }

    private sealed class ThroughputColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Markup($"[grey]{task.Speed ?? 0:F1} img/s[/]");
    }

    private sealed class LineProgress : IProgress<DatasetPassProgress>
    {
        private DateTime _last = DateTime.MinValue;
        private string _stage = "";

        public void Report(DatasetPassProgress p)
        {
            if (p.Stage == _stage && DateTime.UtcNow - _last < TimeSpan.FromSeconds(5) && p.Done < p.Total) return;
            _stage = p.Stage;
            _last = DateTime.UtcNow;
            var eta = p.Eta is { } e ? $", ETA {e:hh\\:mm\\:ss}" : "";
            Console.WriteLine($"{p.Stage}: {p.Done}/{p.Total} images ({100.0 * p.Done / Math.Max(1, p.Total):F0}%), {p.ImagesPerSecond:F1} images/s{eta}");
        }
    }
}
