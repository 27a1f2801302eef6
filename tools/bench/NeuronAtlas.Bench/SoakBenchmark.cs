using System.Diagnostics;
using NeuronAtlas.Core;

namespace NeuronAtlas.Bench;

/// <summary>
/// A soak, not a timed test: minutes of mixed traffic at the rate limits (<see cref="SoakTraffic"/>) against a Release
/// server on loopback (<see cref="SoakServer"/>). Reports the answers per kind and status (the aim: no 5xx), the
/// server's RSS after warm-up and at the end (the aim: within 10%), and /health afterwards. Bounded in time and in
/// request count. Options: --minutes M (10), --warm-up-seconds S (60, at most a quarter of the run), --clients N (3),
/// --catalog PATH (a catalog under the temp folder, built by the server on its first start), --no-build,
/// --without KIND,KIND (leave out render, lookup, hostile, search or page traffic).
/// </summary>
internal static class SoakBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        string? Get(string name) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        double minutes = double.TryParse(Get("--minutes"), System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : 10;
        int clients = int.TryParse(Get("--clients"), out var c) ? c : 3;
        var duration = TimeSpan.FromMinutes(minutes);
        var warmUp = TimeSpan.FromSeconds(Math.Min(double.TryParse(Get("--warm-up-seconds"), out var w) ? w : 60, duration.TotalSeconds / 4));
        string catalog = Get("--catalog") ?? Path.Combine(Path.GetTempPath(), "neuronatlas-soak", "atlas.db");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(catalog))!);
        // Far above what the loops send at their pace: a bound in count as well as in time.
        int maxRequests = (int)(duration.TotalSeconds * (clients * 8 + 25));

        await using var server = await SoakServer.StartAsync(AtlasPaths.FindRoot(), catalog, build: !args.Contains("--no-build"));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 128, AllowAutoRedirect = false })
            { BaseAddress = server.Url, Timeout = TimeSpan.FromMinutes(3) };
        Console.Error.WriteLine($"Server at {server.Url}; waiting for its catalog ({catalog}).");
        await server.WaitHealthyAsync(http, TimeSpan.FromMinutes(30));

        var clock = Stopwatch.StartNew();
        var without = (Get("--without") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var traffic = new SoakTraffic(http, DateTime.UtcNow + duration, maxRequests, without);
        var running = traffic.RunAsync(clients);
        long rssStart = server.RssBytes, rssPeak = rssStart;
        long? rssWarm = null;
        while (!running.IsCompleted)
        {
            await Task.WhenAny(running, Task.Delay(TimeSpan.FromSeconds(5)));
            if (server.HasExited) throw new InvalidOperationException("The server exited during the soak.");
            long rss = server.RssBytes;
            rssPeak = Math.Max(rssPeak, rss);
            if (rssWarm is null && clock.Elapsed >= warmUp) rssWarm = rss;
            Console.Error.Write($"\r{clock.Elapsed:mm\\:ss} {traffic.Issued} requests, RSS {Mib(rss)} MiB   ");
        }
        await running;
        var elapsed = clock.Elapsed;
        long rssEnd = server.RssBytes;
        string health = await SoakServer.HealthAsync(http);
        Console.Error.WriteLine();

        Console.WriteLine(Report(traffic, clients, minutes, elapsed, warmUp, rssStart, rssWarm ?? rssEnd, rssEnd, rssPeak, health));
        if (without.Count > 0) Console.WriteLine($"Left out: {string.Join(", ", without)}.");
    }

    private static string Report(SoakTraffic traffic, int clients, double minutes, TimeSpan elapsed, TimeSpan warmUp,
        long rssStart, long rssWarm, long rssEnd, long rssPeak, string health)
    {
        var statuses = traffic.Counts.Keys.Select(k => k.Status).Distinct().Order().ToList();
        var kinds = traffic.Counts.Keys.Select(k => k.Kind).Distinct().Order().ToList();
        var rows = kinds.Select(kind =>
            $"| {kind} | " + string.Join(" | ", statuses.Select(s => traffic.Counts.GetValueOrDefault((kind, s)).ToString())) +
            $" | {statuses.Sum(s => traffic.Counts.GetValueOrDefault((kind, s)))} |");
        int total = traffic.Counts.Values.Sum();
        int serverErrors = traffic.Counts.Where(p => p.Key.Status.StartsWith('5')).Sum(p => p.Value);
        double change = (rssEnd - rssWarm) * 100.0 / rssWarm;
        return $"""
            ## Soak: {minutes:0.#} minutes of mixed traffic at the rate limits

            Machine: {MachineInfo.Describe()}
            Command: `dotnet run -c Release --project tools/bench/NeuronAtlas.Bench -- soak --minutes {minutes:0.#} --clients {clients}`

            {clients} clients at about their rate limits (pages every 200 ms, a search a second, a lookup every 6 s, a live
            render every 12 s with half closed midway, a hostile upload every 6 s sharing the lookup allowance) plus one client
            flooding searches every 50 ms; {total} requests in {elapsed.TotalMinutes:0.0} minutes.

            | kind | {string.Join(" | ", statuses)} | all |
            |---|{string.Concat(statuses.Select(_ => "---|"))}---|
            {string.Join("\n", rows)}

            - 5xx answers: {serverErrors}
            - RSS: {Mib(rssStart)} MiB at the start, {Mib(rssWarm)} MiB after the {warmUp.TotalSeconds:0} s warm-up, {Mib(rssPeak)} MiB at the peak, {Mib(rssEnd)} MiB at the end ({change:+0.0;-0.0}% from warm-up)
            - /health afterwards: {health}

            """;
    }

    private static long Mib(long bytes) => bytes / (1024 * 1024);
}
