using NeuronAtlas.Core.Tests.TestData;

namespace NeuronAtlas.Precompute.Tests.DatasetPass;

public class ResumeAfterKillTests
{
    [Fact]
    public void A_pass_killed_with_SIGKILL_several_times_resumes_to_the_uninterrupted_result()
    {
        var images = SyntheticImages.WriteFolder(144, seed: 5);
        var dir = Directory.CreateTempSubdirectory("neuronatlas-resume-").FullName;
        string Args(string catalog) => $"dataset-pass --model resnet18 --images {images} --catalog {catalog} --top-k 4 --batch 8 --checkpoint-every 16";

        var reference = Path.Combine(dir, "reference.db");
        var (code, output) = PrecomputeProcess.Run(Args(reference).Split(' '));
        Assert.True(code == 0, output);

        var resumed = Path.Combine(dir, "resumed.db");
        var rng = new Random(42);
        var killedAt = new List<int?>();
        for (int attempt = 0; attempt < 4; attempt++)
        {
            int? before = CatalogSnapshot.CheckpointNextImage(resumed);
            using var run = PrecomputeProcess.Start(Args(resumed).Split(' '));
            // Kill once this run has made progress (a new checkpoint), plus a random extra delay so kills land at different points.
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!run.HasExited && DateTime.UtcNow < deadline && CatalogSnapshot.CheckpointNextImage(resumed) is var now && (now is null || now == before))
                Thread.Sleep(20);
            Thread.Sleep(rng.Next(0, 400));
            bool finished = run.HasExited;
            run.Kill();
            killedAt.Add(CatalogSnapshot.CheckpointNextImage(resumed));
            Assert.Equal("ok", CatalogSnapshot.IntegrityCheck(resumed));
            if (finished) break;
        }
        Assert.Contains(killedAt, k => k is > 0 and < 144);

        (code, output) = PrecomputeProcess.Run(Args(resumed).Split(' '));
        Assert.True(code == 0, output);
        Assert.Null(CatalogSnapshot.CheckpointNextImage(resumed));
        Assert.Equal(CatalogSnapshot.Of(reference), CatalogSnapshot.Of(resumed));
    }

    [Fact]
    public void Resuming_with_different_settings_is_refused_with_a_clear_message()
    {
        var images = SyntheticImages.WriteFolder(48, seed: 6);
        var catalog = Path.Combine(Directory.CreateTempSubdirectory("neuronatlas-resume-").FullName, "atlas.db");
        using (var run = PrecomputeProcess.Start("dataset-pass", "--model", "resnet18", "--images", images, "--catalog", catalog, "--batch", "8", "--checkpoint-every", "8", "--layers", "layer4"))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!run.HasExited && DateTime.UtcNow < deadline && CatalogSnapshot.CheckpointNextImage(catalog) is null) Thread.Sleep(10);
            Assert.False(run.HasExited, "The pass finished before it could be interrupted:\n" + run.Output);
            run.Kill();
        }
        var (code, output) = PrecomputeProcess.Run("dataset-pass", "--model", "resnet18", "--images", images, "--catalog", catalog, "--top-k", "3", "--layers", "layer4");
        Assert.NotEqual(0, code);
        Assert.Contains("--restart", output);
        (code, output) = PrecomputeProcess.Run("dataset-pass", "--model", "resnet18", "--images", images, "--catalog", catalog, "--top-k", "3", "--layers", "layer4", "--restart");
        Assert.True(code == 0, output);
    }
}
