using NeuronAtlas.Clip.Tests.TestData;
using NeuronAtlas.Core.Tests.TestData;
using NeuronAtlas.Clip.Tests.TextVis;

namespace NeuronAtlas.Precompute.Tests.Sharding;

/// <summary>Text-vis split into phrase shards by JOB_COMPLETION_INDEX, merged and finished, equals one process's run.</summary>
public sealed class TextVisShardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("neuronatlas-textvis-shards-").FullName;

    [Fact]
    public void Three_phrase_shards_merged_and_finished_equal_the_single_process_run()
    {
        var model = ClipTestExports.TinyResNetDirectory;
        var images = SyntheticImages.WriteFolder(8, seed: 13);
        string[] TextVis(string catalog, params string[] extra) =>
            ["text-vis", "--model", model, "--catalog", catalog, "--max-phrases", "90", "--renderings", "2", "--batch-phrases", "3", "--checkpoint-every", "6", .. extra];
        var prepared = Path.Combine(_dir, "prepared.db");
        Succeeds(["dataset-pass", "--model", model, "--images", images, "--catalog", prepared, "--layers", "image_block_4_1", "--top-k", "4"]);

        var single = Path.Combine(_dir, "single.db");
        File.Copy(prepared, single);
        Succeeds(TextVis(single));

        var shards = Enumerable.Range(0, 3).Select(i => Path.Combine(_dir, $"text-{i}.db")).ToArray();
        for (int i = 0; i < 3; i++)
        {
            File.Copy(prepared, shards[i]);
            var (code, output) = PrecomputeProcess.Run(new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = i.ToString() }, TextVis(shards[i], "--shard-count", "3"));
            Assert.True(code == 0, output);
            Assert.Contains($"shard {i} of 3 of the phrases", output);
        }
        var merged = Path.Combine(_dir, "merged.db");
        Assert.Contains("rerun the same text-vis command", Succeeds(["merge", "--out", merged, .. shards]));
        Assert.Contains("resumed from phrase 90", Succeeds(TextVis(merged)));

        var expected = TextVisSnapshot.Of(single);
        Assert.Contains(expected, row => row.Contains("/15 "));
        Assert.Equal(expected, TextVisSnapshot.Of(merged));
    }

    private static string Succeeds(string[] args)
    {
        var (code, output) = PrecomputeProcess.Run(args);
        Assert.True(code == 0, output);
        return output;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
