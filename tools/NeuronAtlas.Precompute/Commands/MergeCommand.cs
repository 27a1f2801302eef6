using System.CommandLine;
using NeuronAtlas.Core.Activations;
using NeuronAtlas.Core.Sharding;
using NeuronAtlas.Clip.TextVis;
using NeuronAtlas.FeatureVis.Catalog;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>precompute merge: one catalog from the shard catalogs of a sharded dataset-pass, feature-vis or text-vis run.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out", "-o") { Description = "The merged catalog to write (replaced if it exists).", Required = true };
        var shards = new Argument<string[]>("shards") { Description = "Every shard catalog of the run, each once.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("merge", "Combine the shard catalogs of one sharded run (--shard-index/--shard-count) into one catalog. " +
                                           "Refuses shards of different runs or settings, missing shards and shards given twice.")
        {
            output, shards,
        };
        command.SetAction(parse =>
        {
            var set = ShardSet.Open(parse.GetValue(shards)!);
            var outPath = parse.GetValue(output)!;
            if (set.Shards.Any(s => Path.GetFullPath(s.Path) == Path.GetFullPath(outPath)))
                throw new ArgumentException($"--out {outPath} is one of the shards; write the merged catalog elsewhere.");
            Action<ShardSet, string> merge = set.Kind switch
            {
                ShardKinds.DatasetPass => DatasetPassShardMerge.Merge,
                ShardKinds.FeatureVis => FeatureVisShardMerge.Merge,
                ShardKinds.TextVis => TextVisShardMerge.Merge,
                _ => throw new InvalidDataException($"Unknown shard kind '{set.Kind}'."),
            };
            merge(set, outPath);
            Console.WriteLine($"Merged {set.Shards.Count} {set.Kind} shards of {set.ModelId} into {outPath}.");
            if (set.Kind == ShardKinds.TextVis)
                Console.WriteLine($"Now rerun the same text-vis command without --shard-count, with --catalog {outPath}: it writes the top phrases and labels.");
            return 0;
        });
        return command;
    }
}
