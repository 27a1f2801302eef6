namespace NeuronAtlas.Precompute.Tests;

/// <summary>precompute flops as a user runs it.</summary>
public sealed class FlopsCliTests
{
    [Fact]
    public void Flops_prints_each_op_type_and_the_total_multiply_adds_of_resnet18()
    {
        var (exit, output) = PrecomputeProcess.Run("flops", "--model", "resnet18");

        Assert.True(exit == 0, output);
        Assert.Contains("input Input247 [1, 3, 224, 224]", output);
        Assert.Contains("| Conv | 22 |", output);
        Assert.Contains("| BatchNormalization | 22 |", output);
        // torchvision's 1,813,561,344 plus the two 512 -> 512 3x3 convolutions of CNTK's third last-stage block.
        Assert.Contains("Multiply-adds: 2,044,772,352", output);
        Assert.DoesNotContain("Not counted", output);
    }

    [Fact]
    public void Flops_rejects_a_batch_outside_its_bound()
    {
        var (exit, output) = PrecomputeProcess.Run("flops", "--model", "resnet18", "--batch", "0");

        Assert.Equal(1, exit);
        Assert.Contains("--batch 0 is outside 1..1024", output);
        Assert.DoesNotContain("   at ", output);
    }
}
