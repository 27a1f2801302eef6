using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Web.Caching;
using NeuronAtlas.Web.Clip;
using NeuronAtlas.Web.Manifests;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Caching;

/// <summary>A failure to load a model or read the manifests is not remembered: once the cause is gone, the next use works.</summary>
public sealed class RetryAfterFailureTests
{
    [Fact]
    public void A_failed_creation_is_tried_again_and_a_success_is_kept()
    {
        int calls = 0;
        var lazy = new RetryingLazy<string>(() => ++calls == 1 ? throw new IOException("transient") : $"made by call {calls}");

        Assert.Throws<IOException>(() => lazy.Value);
        Assert.False(lazy.IsValueCreated);
        Assert.Equal("made by call 2", lazy.Value);
        Assert.Equal("made by call 2", lazy.Value);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_lookup_model_whose_file_was_missing_works_once_the_file_is_back()
    {
        using var catalog = new ClipTestCatalog();
        var image = Path.Combine(catalog.ModelsDirectory, ClipTestCatalog.Model, catalog.Manifest.Onnx);
        var target = new FileInfo(image).LinkTarget!;
        File.Delete(image);
        using var app = new AtlasWebFactory(catalog.Path, catalog.Settings());
        using var client = app.CreateAtlasClient();

        var missing = await LookupRequests.PostAsync(client, TestImages.Png(), "photo.png", "image/png", $"?model={ClipTestCatalog.Model}");
        File.CreateSymbolicLink(image, target);
        var back = await LookupRequests.PostAsync(client, TestImages.Png(), "photo.png", "image/png", $"?model={ClipTestCatalog.Model}");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.True(back.StatusCode == HttpStatusCode.OK, await back.Content.ReadAsStringAsync());
    }

    [Fact]
    public void A_text_encoder_whose_file_was_missing_loads_once_the_file_is_back()
    {
        using var catalog = new ClipTestCatalog();
        var text = Path.Combine(catalog.ModelsDirectory, ClipTestCatalog.Model, catalog.Manifest.TextEncoder!.Onnx);
        var target = new FileInfo(text).LinkTarget!;
        File.Delete(text);
        using var app = new AtlasWebFactory(catalog.Path, catalog.Settings());
        var pool = app.Services.GetRequiredService<ClipModelPool>();

        Assert.Throws<FileNotFoundException>(() => pool.Get(ClipTestCatalog.Model));
        File.CreateSymbolicLink(text, target);
        var model = pool.Get(ClipTestCatalog.Model)!;

        Assert.Equal(catalog.Manifest.Embedding!.Dimensions, model.Text.Embed("a spider").Length);
    }

    [Fact]
    public void Manifests_that_could_not_be_read_are_read_again()
    {
        using var catalog = new ClipTestCatalog();
        var manifest = Path.Combine(catalog.ModelsDirectory, ClipTestCatalog.Model, "manifest.json");
        var target = new FileInfo(manifest).LinkTarget!;
        File.Delete(manifest);
        File.WriteAllText(manifest, "{ half a manifest");
        using var app = new AtlasWebFactory(catalog.Path, catalog.Settings());
        var manifests = app.Services.GetRequiredService<ModelManifests>();

        Assert.ThrowsAny<Exception>(() => manifests.Find(ClipTestCatalog.Model));
        File.Delete(manifest);
        File.CreateSymbolicLink(manifest, target);

        Assert.Equal(ClipTestCatalog.Model, manifests.Find(ClipTestCatalog.Model)?.Id);
    }
}
