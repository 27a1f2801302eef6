using NeuronAtlas.Bench;

// Benchmarks of NeuronAtlas, each against a baseline measured in the same run. Prints Markdown for docs/benchmarks.md.
// Usage: dotnet run -c Release --project tools/bench/NeuronAtlas.Bench -- [dataset-pass|memory|web|feature-vis|feature-vis-memory|feature-vis-first-render|clip|physical-limit|soak|lookup|decode|all] [--images N] [--url URL]
// The soak and the lookup benchmark (not part of "all") start their own Release server: soak [--minutes 10] [--clients 3];
// lookup [--seconds 10] [--no-build]. physical-limit [--export DIR] [--fma-units N]: FLOPs from the graph / time / this CPU's peak.
var command = args.FirstOrDefault() ?? "all";
var options = BenchOptions.Parse(args.Skip(1).ToArray());
switch (command)
{
    case "dataset-pass": await DatasetPassBenchmark.RunAsync(options); break;
    case "memory": await MemoryBenchmark.RunAsync(options); break;
    case "memory-probe": await MemoryBenchmark.ProbeAsync(options); break;
    case "web": await WebLatencyBenchmark.RunAsync(options); break;
    case "feature-vis": await FeatureVisBenchmark.RunAsync(options); break;
    case "feature-vis-memory": await FeatureVisMemoryBenchmark.RunAsync(); break;
    case "feature-vis-first-render": await FeatureVisFirstRenderBenchmark.RunAsync(options); break;
    case "clip": await ClipBenchmark.RunAsync(args.Skip(1).ToArray()); break;
    case "soak": await SoakBenchmark.RunAsync(args.Skip(1).ToArray()); break;
    case "lookup": await LookupBenchmark.RunAsync(args.Skip(1).ToArray()); break;
    case "physical-limit": PhysicalLimitBenchmark.Run(args.Skip(1).ToArray()); break;
    case "decode": DecodeBenchmark.Run(options); break;
    case "all":
        await DatasetPassBenchmark.RunAsync(options);
        await MemoryBenchmark.RunAsync(options);
        await WebLatencyBenchmark.RunAsync(options);
        await FeatureVisBenchmark.RunAsync(options);
        break;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{command}'. Use dataset-pass, memory, web, feature-vis, feature-vis-memory, feature-vis-first-render, clip, physical-limit, soak, lookup, decode or all.");
        return 1;
}
return 0;
