using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Options;

public sealed class OptionsBindingTests
{
    [Fact]
    public void The_repository_appsettings_json_gives_the_documented_defaults()
    {
        using var catalog = new TestCatalog();
        using var factory = new AtlasWebFactory(catalog.Path);

        var uploads = factory.Services.GetRequiredService<IOptions<UploadOptions>>().Value;
        var atlas = factory.Services.GetRequiredService<IOptions<AtlasOptions>>().Value;

        Assert.Equal(10 * 1024 * 1024, uploads.MaxBytes);
        Assert.Equal(40_000_000, uploads.MaxPixels);
        Assert.Equal(2, uploads.MaxConcurrentInferences);
        Assert.Equal(2000, uploads.QueueTimeoutMs);
        Assert.Equal("data/models", atlas.ModelsDirectory);
        Assert.Equal(300, atlas.PageMaxAgeSeconds);
    }

    [Fact]
    public void Settings_override_limits_and_the_execution_provider()
    {
        using var catalog = new TestCatalog();
        using var factory = new AtlasWebFactory(catalog.Path, new Dictionary<string, string?>
        {
            ["Uploads:MaxBytes"] = "1234",
            ["Inference:ExecutionProvider"] = "Cuda",
            ["Inference:IntraOpThreads"] = "3",
        });

        var inference = factory.Services.GetRequiredService<IOptions<InferenceOptions>>().Value;

        Assert.Equal(1234, factory.Services.GetRequiredService<IOptions<UploadOptions>>().Value.MaxBytes);
        Assert.Equal(ExecutionProviderKind.Cuda, inference.ExecutionProvider);
        Assert.Equal(3, inference.IntraOpThreads);
    }

    [Fact]
    public void Invalid_limits_stop_the_app_at_startup()
    {
        using var catalog = new TestCatalog();
        using var factory = new AtlasWebFactory(catalog.Path, new Dictionary<string, string?> { ["Uploads:MaxConcurrentInferences"] = "0" });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateAtlasClient());
        Assert.Contains("MaxConcurrentInferences must be at least 1", error.Message);
    }
}
