using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Core;
using NeuronAtlas.Web.Extensions;
using Microsoft.Extensions.Options;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Web.Options;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Options;

public sealed class OptionsBindingTests
{
    [Fact]
    public void Prompt_templates_from_settings_replace_the_ones_at_their_index()
    {
        using var catalog = new TestCatalog();
        using var factory = new AtlasWebFactory(catalog.Path, new Dictionary<string, string?>
        {
            ["ZeroShot:PromptTemplates:0"] = "a sketch of {}.",
            ["ZeroShot:PromptTemplates:1"] = "{}",
        });

        var templates = factory.Services.GetRequiredService<NeuronAtlas.Web.Clip.ZeroShotService>().Templates.Templates;

        Assert.Equal(["a sketch of {}.", "{}", .. NeuronAtlas.Clip.ZeroShot.PromptTemplates.Default.Templates.Skip(2)], templates);
    }

    [Theory]
    [InlineData("Visualize:MaxConcurrentRuns", "0", "MaxConcurrentRuns must be at least 1")]
    [InlineData("Visualize:DefaultSteps", "1000", "DefaultSteps must be between 1 and MaxSteps")]
    [InlineData("Visualize:MinImageSize", "4", "8 <= MinImageSize")]
    [InlineData("ZeroShot:PromptTemplates:0", "no slot here", "needs a {} slot")]
    [InlineData("Search:MaxTop", "5", "at most MaxTop")]
    [InlineData("Typographic:ChangedNeurons", "0", "ChangedNeurons must be positive")]
    [InlineData("Uploads:MaxConcurrentInferences", "0", "MaxConcurrentInferences must be at least 1")]
    [InlineData("Uploads:MaxBufferedBytes", "1000", "MaxBufferedBytes must hold at least one upload")]
    [InlineData("Uploads:MaxConcurrentDecodes", "0", "MaxConcurrentDecodes must be at least 1")]
    [InlineData("Uploads:BatchWindowMs", "5000", "BatchWindowMs must be between 0 and 1000")]
    [InlineData("Uploads:MaxQueuedImages", "1", "MaxQueuedImages at least 2")]
    [InlineData("RateLimits:Search:PeriodSeconds", "0", "Every RateLimits entry needs")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.example.org", "KnownProxies must be IP addresses")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0", "KnownNetworks must be CIDR networks")]
    [InlineData("TextEncoding:MaxConcurrent", "0", "TextEncoding:MaxConcurrent must be at least 1")]
    [InlineData("Atlas:DataRoot", "/nonexistent", "Atlas:DataRoot: the folder /nonexistent does not exist")]
    [InlineData("Atlas:ModelsDirectory", "no/such/models", "Atlas:ModelsDirectory: the folder ")]
    [InlineData("Atlas:FontsDirectory", "/nonexistent/fonts", "Atlas:FontsDirectory: the folder /nonexistent/fonts does not exist")]
    [InlineData("Atlas:LabelsDirectory", "/nonexistent/labels", "Atlas:LabelsDirectory: the folder /nonexistent/labels does not exist")]
    [InlineData("Atlas:CatalogPath", "data", "Atlas:CatalogPath: ")]
    [InlineData("Uploads:Int8Models:0", "no-such-model", "Uploads:Int8Models: no manifest under ")]
    public void Invalid_live_feature_settings_are_refused_with_the_key_named(string key, string value, string message)
    {
        var error = Assert.ThrowsAny<OptionsValidationException>(() => ResolveAllOptions(key, value));

        Assert.Contains(message, error.Message);
    }

    /// <summary>
    /// The site's options over appsettings.json plus one override, resolved the way ValidateOnStart does at startup,
    /// without starting a host (a host that fails to start can surface as ObjectDisposedException in WebApplicationFactory).
    /// </summary>
    private static void ResolveAllOptions(string key, string value) => ResolveAllOptions(new Dictionary<string, string?> { [key] = value });

    private static void ResolveAllOptions(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AtlasPaths.FindRoot() });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddAtlasOptions();
        using var services = builder.Services.BuildServiceProvider();
        _ = services.GetRequiredService<IOptions<VisualizeOptions>>().Value;
        _ = services.GetRequiredService<IOptions<ZeroShotOptions>>().Value;
        _ = services.GetRequiredService<IOptions<SearchOptions>>().Value;
        _ = services.GetRequiredService<IOptions<TypographicOptions>>().Value;
        _ = services.GetRequiredService<IOptions<UploadOptions>>().Value;
        _ = services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        _ = services.GetRequiredService<IOptions<ProxyOptions>>().Value;
        _ = services.GetRequiredService<IOptions<TextEncodingOptions>>().Value;
        _ = services.GetRequiredService<IOptions<AtlasOptions>>().Value;
    }

    [Fact]
    public void A_model_set_to_int8_without_its_quantized_graph_stops_the_app_with_the_command_that_writes_it()
    {
        var models = Directory.CreateTempSubdirectory("neuronatlas-int8-models-").FullName;
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(models, "resnet18")).FullName;
            File.Copy(Path.Combine(AtlasPaths.FindRoot(), "data", "models", "resnet18", "manifest.json"), Path.Combine(folder, "manifest.json"));
            var settings = new Dictionary<string, string?> { ["Atlas:ModelsDirectory"] = models, ["Uploads:Int8Models:0"] = "resnet18" };

            var error = Assert.Throws<OptionsValidationException>(() => ResolveAllOptions(settings));
            Assert.Contains("Model 'resnet18' has no int8 graph", error.Message);
            Assert.Contains("precompute quantize --model resnet18", error.Message);

            File.WriteAllBytes(Path.Combine(folder, "ResNet18.int8.onnx"), [0]);
            ResolveAllOptions(settings);
        }
        finally
        {
            Directory.Delete(models, recursive: true);
        }
    }

    [Fact]
    public void Settings_override_limits_and_the_execution_provider()
    {
        using var catalog = new TestCatalog();
        using var factory = new AtlasWebFactory(catalog.Path, new Dictionary<string, string?>
        {
            ["Uploads:MaxBytes"] = "1234",
            ["Uploads:MaxBatchSize"] = "3",
            ["Inference:ExecutionProvider"] = "Cuda",
            ["Inference:IntraOpThreads"] = "3",
        });

        var inference = factory.Services.GetRequiredService<IOptions<InferenceOptions>>().Value;

        var uploads = factory.Services.GetRequiredService<IOptions<UploadOptions>>().Value;
        Assert.Equal((1234, 3), (uploads.MaxBytes, uploads.MaxBatchSize));
        Assert.Equal((2, 5, 16), (uploads.MaxConcurrentDecodes, uploads.BatchWindowMs, uploads.MaxQueuedImages)); // appsettings.json
        Assert.Equal(ExecutionProviderKind.Cuda, inference.ExecutionProvider);
        Assert.Equal(3, inference.IntraOpThreads);
    }

    [Fact]
    public void Invalid_limits_stop_the_app_at_startup()
    {
        using var catalog = new TestCatalog();
        using var factory = new AtlasWebFactory(catalog.Path, new Dictionary<string, string?> { ["Uploads:MaxConcurrentInferences"] = "0" });

        // The failed start can surface as the validation error or, in a race inside WebApplicationFactory, as its disposed host.
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateAtlasClient());
        Assert.True(error is OptionsValidationException or ObjectDisposedException, error.ToString());
        Assert.Throws<OptionsValidationException>(() => ResolveAllOptions("Uploads:MaxConcurrentInferences", "0"));
    }
}
