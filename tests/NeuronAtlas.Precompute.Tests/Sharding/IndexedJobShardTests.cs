using NeuronAtlas.Core.Tests.TestData;
using NeuronAtlas.Precompute.Tests.DatasetPass;

namespace NeuronAtlas.Precompute.Tests.Sharding;

/// <summary>
/// The Kubernetes Indexed Job path: the same command run as 3 processes that differ only in JOB_COMPLETION_INDEX, then
/// 'precompute merge'. The merged catalog must equal one process's run, row for row.
/// </summary>
public sealed class IndexedJobShardTests : IDisposable
{
    private const int Shards = 3;
    private readonly string _dir = Directory.CreateTempSubdirectory("neuronatlas-shards-").FullName;
    private readonly string _images = SyntheticImages.WriteFolder(24, seed: 21);

    private string[] DatasetPass(string catalog, params string[] extra) =>
        ["dataset-pass", "--model", "resnet18", "--images", _images, "--catalog", catalog, "--layers", "layer3,layer4", "--top-k", "4", "--batch", "4", "--checkpoint-every", "4", .. extra];

    private static string[] FeatureVis(string catalog, params string[] extra) =>
        ["feature-vis", "--model", "resnet18", "--layers", "layer4", "--channels", "0:3", "--steps", "2", "--size", "32", "--batch", "1", "--facets", "2",
         "--catalog", catalog, .. extra];

    private static Dictionary<string, string> Pod(int index) => new() { ["JOB_COMPLETION_INDEX"] = index.ToString() };

    private string Shard(string name, int index) => Path.Combine(_dir, $"{name}-{index}.db");

    [Fact]
    public void Three_indexed_shards_merge_to_the_single_process_catalog_even_when_one_is_killed_and_restarted()
    {
        var single = Path.Combine(_dir, "single.db");
        Succeeds(PrecomputeProcess.Run(DatasetPass(single)));
        Succeeds(PrecomputeProcess.Run(FeatureVis(single)));

        // Shard 1 (images 8..15) is killed once it has checkpointed, then restarted like a Job pod.
        using (var killed = PrecomputeProcess.Start(Pod(1), DatasetPass(Shard("pass", 1), "--shard-count", "3")))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!killed.HasExited && DateTime.UtcNow < deadline && CatalogSnapshot.CheckpointNextImage(Shard("pass", 1)) is null) Thread.Sleep(10);
            Assert.False(killed.HasExited, "shard 1 finished before it could be killed:\n" + killed.Output);
            killed.Kill();
        }
        Assert.InRange(CatalogSnapshot.CheckpointNextImage(Shard("pass", 1)) ?? -1, 9, 16);
        for (int i = 0; i < Shards; i++)
        {
            var output = Succeeds(PrecomputeProcess.Run(Pod(i), DatasetPass(Shard("pass", i), "--shard-count", "3")));
            Assert.Contains($"shard {i} of 3", output);
            if (i == 1) Assert.DoesNotContain("resumed from image 8,", output);
        }
        var merged = Path.Combine(_dir, "merged.db");
        Succeeds(PrecomputeProcess.Run(["merge", "--out", merged, .. Enumerable.Range(0, Shards).Select(i => Shard("pass", i))]));
        Assert.Equal(CatalogSnapshot.Of(single), CatalogSnapshot.Of(merged));

        // Feature visualizations: each pod starts from a copy of the merged catalog and renders a third of the channels.
        for (int i = 0; i < Shards; i++)
        {
            File.Copy(merged, Shard("vis", i));
            Succeeds(PrecomputeProcess.Run(Pod(i), FeatureVis(Shard("vis", i), "--shard-count", "3")));
        }
        var final = Path.Combine(_dir, "final.db");
        Succeeds(PrecomputeProcess.Run(["merge", "--out", final, .. Enumerable.Range(0, Shards).Select(i => Shard("vis", i))]));
        Assert.Equal(3 * 3, FeatureVisSnapshot.Of(final).Count);
        Assert.Equal(FeatureVisSnapshot.Of(single), FeatureVisSnapshot.Of(final));
        Assert.Equal(CatalogSnapshot.Of(single), CatalogSnapshot.Of(final));
    }

    [Fact]
    public void Merge_refuses_a_missing_shard_a_shard_given_twice_and_shards_of_mixed_configurations()
    {
        for (int i = 0; i < 2; i++) Succeeds(PrecomputeProcess.Run(Pod(i), DatasetPass(Shard("pass", i), "--shard-count", "3")));
        var other = Path.Combine(_dir, "other-k.db");
        Succeeds(PrecomputeProcess.Run(Pod(2), DatasetPass(other, "--channel-count", "100", "--shard-count", "3")));
        var output = Path.Combine(_dir, "merged.db");

        Fails(["merge", "--out", output, Shard("pass", 0), Shard("pass", 1)], "Missing shards: 2 of 3");
        Fails(["merge", "--out", output, Shard("pass", 0), Shard("pass", 1), Shard("pass", 1)], "Overlapping shards");
        Fails(["merge", "--out", output, Shard("pass", 0), Shard("pass", 1), other], "different configurations");
        Fails(["merge", "--out", output, Shard("pass", 0), Shard("pass", 1), other], "'channels: 0+all' vs 'channels: 0+100'");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_shard_count_without_an_index_is_refused()
    {
        var (code, output) = PrecomputeProcess.Run(DatasetPass(Shard("pass", 0), "--shard-count", "3"));
        Assert.Equal(1, code);
        Assert.Contains("needs --shard-index or the JOB_COMPLETION_INDEX environment variable", output);
    }

    private void Fails(string[] args, string message)
    {
        var (code, output) = PrecomputeProcess.Run(args);
        Assert.Equal(1, code);
        Assert.Contains(message, output);
        Assert.DoesNotContain("   at ", output);
    }

    private static string Succeeds((int Code, string Output) run)
    {
        Assert.True(run.Code == 0, run.Output);
        return run.Output;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
