using NeuronAtlas.Clip.Tests.TestData;
using NeuronAtlas.Core.Tests.TestData;

namespace NeuronAtlas.Precompute.Tests.Clip;

public class TypographicAttackCliTests
{
    [Fact]
    public void Prints_and_writes_the_attack_table()
    {
        var images = SyntheticImages.WriteFolder(6, seed: 13);
        var prefix = Path.Combine(Directory.CreateTempSubdirectory("neuronatlas-typographic-").FullName, "attacks");
        var (code, output) = PrecomputeProcess.Run("typographic-attack", "--model", ClipTestExports.TinyResNetDirectory, "--images", images,
            "--pairs", "iPod=iPod,piggy bank=$$$,trash can=trash", "--out", prefix);
        Assert.True(code == 0, output);
        Assert.Contains("| class | label | images | flipped | success rate | pixels changed |", output);
        Assert.Contains("| piggy bank | \"$$$\" |", output);
        var csv = File.ReadAllLines(prefix + ".csv");
        Assert.Equal("class,label,images,flipped,success_rate,pixels_changed", csv[0]);
        Assert.Equal(4, csv.Length);
        Assert.StartsWith("\"trash can\",\"trash\",", csv[3]);
        Assert.Contains("| iPod | \"iPod\" |", File.ReadAllText(prefix + ".md"));
    }

    [Fact]
    public void A_class_missing_from_the_label_set_is_named()
    {
        var images = SyntheticImages.WriteFolder(2, seed: 14);
        var (code, output) = PrecomputeProcess.Run("typographic-attack", "--model", ClipTestExports.TinyResNetDirectory, "--images", images,
            "--pairs", "flux capacitor=iPod");
        Assert.NotEqual(0, code);
        Assert.Contains("'flux capacitor' is not in the label set", output);
    }
}
