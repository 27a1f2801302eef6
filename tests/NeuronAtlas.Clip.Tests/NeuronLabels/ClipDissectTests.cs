using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.NeuronLabels;
namespace NeuronAtlas.Clip.Tests.NeuronLabels;

public class ClipDissectTests
{
    [Fact]
    public void A_neuron_whose_activations_follow_a_concepts_similarity_profile_gets_that_concept()
    {
        const int probes = 50, dims = 8, channels = 3;
        var rng = new Random(5);
        var probeEmbeddings = UnitRows(rng, probes, dims);
        var conceptEmbeddings = UnitRows(rng, 4, dims);
        string[] concepts = ["cat", "dog", "spider", "pizza"];
        var activations = new float[probes * channels];
        for (int i = 0; i < probes; i++)
        {
            float spider = EmbeddingVectors.Dot(probeEmbeddings.AsSpan(i * dims, dims), conceptEmbeddings.AsSpan(2 * dims, dims));
            activations[i * channels + 0] = 3 * spider + 1;      // an affine copy of the "spider" profile
            activations[i * channels + 1] = 7;                   // constant: no information
            activations[i * channels + 2] = (float)rng.NextDouble();
        }

        var labels = ClipDissect.Label(activations, probes, channels, probeEmbeddings, conceptEmbeddings, dims, concepts);

        Assert.Equal("spider", labels[0].Concept);
        Assert.Equal(1f, labels[0].Similarity, 4);
        Assert.NotEqual("spider", labels[0].RunnerUp);
        Assert.True(labels[0].RunnerUpSimilarity < labels[0].Similarity);
        Assert.Null(labels[1].Concept);
        Assert.NotNull(labels[2].Concept);
        Assert.InRange(labels[2].Similarity, -1f, 1f);
    }

    [Fact]
    public void Cubed_unit_profiles_are_standardized_cubed_and_unit_length()
    {
        var profile = ClipDissect.CubedUnit([1, 2, 3, 4, 10])!;
        Assert.Equal(1f, EmbeddingVectors.Norm(profile), 5);
        Assert.True(profile[4] > 0.9f, "the outlier dominates once cubed");
        Assert.True(profile[0] < 0 && profile[1] < 0);
        Assert.Null(ClipDissect.CubedUnit([2, 2, 2]));
    }

    private static float[] UnitRows(Random rng, int rows, int dims)
    {
        var data = new float[rows * dims];
        for (int r = 0; r < rows; r++)
        {
            for (int d = 0; d < dims; d++) data[r * dims + d] = (float)(rng.NextDouble() * 2 - 1);
            EmbeddingVectors.Normalize(data.AsSpan(r * dims, dims));
        }
        return data;
    }
}
