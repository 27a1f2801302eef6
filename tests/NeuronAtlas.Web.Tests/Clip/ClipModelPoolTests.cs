using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Web.Clip;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Clip;

public sealed class ClipModelPoolTests
{
    [Fact]
    public void A_model_in_use_when_the_app_stops_keeps_working_until_its_use_ends()
    {
        using var catalog = new ClipTestCatalog();
        var app = new AtlasWebFactory(catalog.Path, catalog.Settings(), environment: "Development");
        var pool = app.Services.GetRequiredService<ClipModelPool>();
        var model = pool.Get(ClipTestCatalog.Model)!;
        var use = pool.Use(model);

        app.Dispose();

        var embedding = model.Text.Embed("a spider");
        Assert.Equal(1f, MathF.Sqrt(embedding.Sum(v => v * v)), 1e-4f);
        use.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pool.Use(model));
    }
}
