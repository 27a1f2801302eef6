using System.CommandLine;
using NeuronAtlas.Core.Models;
using NeuronAtlas.Onnx.Analysis;
using Onnx;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>precompute flops: the floating-point operations of one forward pass of a model's graph, per op type.</summary>
internal static class FlopsCommand
{
    public const int MaxBatch = 1024;

    public static Command Create()
    {
        var model = CommonOptions.Model();
        var batch = new Option<int>("--batch", "-b") { Description = $"Images per forward pass (1..{MaxBatch}).", DefaultValueFactory = _ => 1 };
        var command = new Command("flops", "Count the FLOPs of one forward pass of the model's ONNX graph at its input size: 2 x the multiply-adds of Conv, Gemm and MatMul, and the rest (elementwise, normalization, pooling) apart.")
        {
            model, batch,
        };
        command.SetAction(parse =>
        {
            var manifest = CommonOptions.LoadModel(parse.GetValue(model)!);
            int images = parse.GetValue(batch);
            if (images is < 1 or > MaxBatch) throw new ArgumentException($"--batch {images} is outside 1..{MaxBatch}.");
            var path = ModelManifestLoader.ResolveOnnxPath(manifest);
            var onnx = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
            int[] shape = [images, 3, manifest.Input.Height, manifest.Input.Width];
            var count = FlopCounter.Count(onnx, manifest.Input.Name, shape);
            Print(count, $"{manifest.Id} ({Path.GetFileName(path)}), input {manifest.Input.Name} [{string.Join(", ", shape)}]");
            return 0;
        });
        return command;
    }

    private static void Print(FlopCount count, string what)
    {
        Console.WriteLine($"FLOPs of one forward pass of {what}");
        Console.WriteLine();
        Console.WriteLine("| op type | nodes | multiply-add GFLOPs (2 x MACs) | other GFLOPs | total GFLOPs | share |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var row in count.OpTypes)
            Console.WriteLine($"| {row.OpType} | {row.Nodes} | {Giga(row.MultiplyAddFlops)} | {Giga(row.OtherFlops)} | {Giga(row.Total)} | {Share(row.Total, count.Total)} |");
        Console.WriteLine($"| **total** | {count.OpTypes.Sum(r => r.Nodes)} | {Giga(count.MultiplyAddFlops)} | {Giga(count.OtherFlops)} | {Giga(count.Total)} | 100 % |");
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"Multiply-adds: {count.MultiplyAddFlops / 2:N0} ({count.MultiplyAddFlops / 2e9:F3} GMACs); total {count.Total:N0} FLOPs."));
        if (count.UncountedOpTypes.Count > 0)
            Console.WriteLine("Not counted (no rule for these op types): " + string.Join(", ", count.UncountedOpTypes.Select(u => $"{u.Key} x {u.Value}")) + ".");
    }

    private static string Giga(long flops) => (flops / 1e9).ToString("F4", System.Globalization.CultureInfo.InvariantCulture);

    private static string Share(long part, long total) => total == 0 ? "-" : FormattableString.Invariant($"{100.0 * part / total:F1} %");
}
