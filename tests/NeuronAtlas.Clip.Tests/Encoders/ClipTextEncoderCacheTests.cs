using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Clip.Tests.TestData;

namespace NeuronAtlas.Clip.Tests.Encoders;

public sealed class ClipTextEncoderCacheTests
{
    [Fact]
    public void The_embedding_cache_holds_at_most_its_capacity_and_evicted_texts_embed_the_same_again()
    {
        using var bounded = ClipTextEncoder.Load(ClipTestExports.TinyResNet(), new InferenceOptions(), cachedTexts: 3);
        using var reference = ClipTextEncoder.Load(ClipTestExports.TinyResNet(), new InferenceOptions());
        var texts = Enumerable.Range(0, 10).Select(i => $"a photo of thing {i}").ToList();

        foreach (var text in texts) bounded.EmbedRaw([text]);
        var again = bounded.EmbedRaw(texts);

        Assert.Equal(3, bounded.CachedTexts);
        // Each text's embedding, computed alone by an encoder that never evicted, is what the bounded one gives after eviction.
        for (int i = 0; i < texts.Count; i++) Assert.Equal(reference.EmbedRaw([texts[i]])[0], again[i]);
    }
}
