using NeuronAtlas.Core.Activations;

namespace NeuronAtlas.Core.Tests.Activations;

public class TopNeuronOverlapTests
{
    [Fact]
    public void The_lookup_ranks_by_activation_relative_to_the_dataset_maximum_and_skips_neurons_that_never_fire()
    {
        // Relative activations: 0.5, 0.9, (not ranked: max 0), 0.9, 0.2. Ties keep channel order.
        float[] means = [1f, 0.9f, 5f, 1.8f, 0.2f];
        float[] datasetMax = [2f, 1f, 0f, 2f, 1f];

        Assert.Equal([1, 3, 0], NeuronRanking.Top(means, datasetMax, 3));
    }

    [Fact]
    public void Overlap_is_the_shared_share_of_each_images_top_k_averaged_over_images_with_maxima_from_the_reference()
    {
        var overlap = new TopNeuronOverlap(layers: 1, top: 2);
        // Reference maxima over the two images: channel 0: 4, 1: 2, 2: 1, 3: 1.
        // Image 1: reference relative [1, 0.5, 0, 0.1] → {0, 1}; candidate [0.25, 0.5, 0.6, 0.1] → {2, 1}: 1 of 2 shared.
        overlap.Add(0, [4f, 1f, 0f, 0.1f], [1f, 1f, 0.6f, 0.1f]);
        // Image 2: reference relative [0.25, 1, 1, 1] → {1, 2} (ties in channel order); candidate the same ranking → 2 of 2.
        overlap.Add(0, [1f, 2f, 1f, 1f], [1f, 2.2f, 1.05f, 1f]);

        Assert.Equal([(0.5 + 1.0) / 2], overlap.PerLayer());
        Assert.Equal(2, overlap.Images);
    }

    [Fact]
    public void Overlap_divides_by_k_even_when_fewer_neurons_are_ranked()
    {
        Assert.Equal(0.25, TopNeuronOverlap.Overlap([3, 5], [5, 7], top: 4));
    }
}
