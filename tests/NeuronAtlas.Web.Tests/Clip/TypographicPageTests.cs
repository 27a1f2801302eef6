using System.Net;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Clip;

/// <summary>The /typographic page as first served, before its live connection.</summary>
public sealed class TypographicPageTests(ClipAppFixture app) : IClassFixture<ClipAppFixture>
{
    [Fact]
    public async Task The_lab_offers_the_articles_presets_and_every_control()
    {
        var html = WebUtility.HtmlDecode(await app.Client.GetOkStringAsync("/typographic"));

        foreach (var preset in new[] { "trash", "iPod", "pizza", "rifle", "radio", "library", "shark", "meow", "$$$" })
            Assert.Contains($">{preset}</button>", html);
        foreach (var control in new[] { "atlas-typographic-text", "atlas-typographic-x", "atlas-typographic-y", "atlas-typographic-size",
                     "atlas-typographic-opacity", "atlas-typographic-colour", "atlas-typographic-box" })
            Assert.Contains($"class=\"{control}\"", html);
        Assert.Contains("type=\"file\"", html);
        Assert.Contains("never stored", html);
    }

    [Fact]
    public async Task Without_a_clip_model_the_lab_says_what_it_needs()
    {
        using var catalog = new TestCatalog();
        using var resnet = new AtlasWebFactory(catalog.Path);

        var html = await resnet.CreateAtlasClient().GetOkStringAsync("/typographic");

        Assert.Contains("The lab needs a CLIP model", html);
    }
}
