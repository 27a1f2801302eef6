using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NeuronAtlas.Web.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Web.Tests.Visualize;

public sealed class VisualizeApiTests(VisualizeAppFixture app) : IClassFixture<VisualizeAppFixture>
{
    private const string Model = ClipTestCatalog.Model;

    [Fact]
    public async Task A_layer_objective_renders_a_png_of_the_asked_size_and_raises_the_objective()
    {
        var response = await PostAsync(new { model = Model, objective = "image_block_4_1:7 + 0.5*image_stage_3:3", seed = 1, steps = 24, size = 40 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        using var image = Image.Load<Rgb24>(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((40, 40), (image.Width, image.Height));
        // Percent-encoded UTF-8: Kestrel refuses the raw "×" in a header.
        Assert.Equal("channel(image_block_4_1:7) + 0.5 %C3%97 channel(image_stage_3:3)", response.Headers.GetValues("X-Objective").Single());
        Assert.Equal($"/visualize?model={Model}&objective=image_block_4_1%3A7%20%2B%200.5%2Aimage_stage_3%3A3&seed=1&steps=24&size=40",
            response.Headers.GetValues("X-Visualize-Url").Single());
        Assert.True(Header(response, "X-Objective-Value") > Header(response, "X-Initial-Objective-Value"), "the optimization raises the objective");
    }

    [Fact]
    public async Task The_same_request_gives_the_same_image_and_another_seed_another()
    {
        var request = new { model = Model, objective = "image_block_4_1:12", seed = 3, steps = 6, size = 32 };

        var first = await (await PostAsync(request)).Content.ReadAsByteArrayAsync();
        var second = await (await PostAsync(request)).Content.ReadAsByteArrayAsync();
        var otherSeed = await (await PostAsync(request with { seed = 4 })).Content.ReadAsByteArrayAsync();

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public async Task A_text_objective_raises_the_cosine_between_the_image_and_the_text_embedding()
    {
        var response = await PostAsync(new { model = Model, objective = "text:\"a spider\"", seed = 0, steps = 24, size = 32 });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("text(\"a spider\")", response.Headers.GetValues("X-Objective").Single());
        float cosine = Header(response, "X-Objective-Value");
        Assert.InRange(cosine, -1f, 1f);
        Assert.True(cosine > Header(response, "X-Initial-Objective-Value"), "the optimization turns the image embedding towards the text");
    }

    [Fact]
    public async Task A_text_term_combines_with_a_layer_term()
    {
        var response = await PostAsync(new { model = Model, objective = "text:\"a spider\" + 0.5*image_block_4_1:12", seed = 0, steps = 4, size = 32 });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("image_block_4_1:+", 16, "Expected a channel number")]
    [InlineData("image_block_4_1:7 +", 19, "Expected a layer:channel")]
    [InlineData("nolayer:3", 0, "has no layer 'nolayer'")]
    [InlineData("image_block_4_1:999", 16, "outside layer")]
    [InlineData("text:\"a spider", 5, "no closing \"")]
    [InlineData("image_block_4_1:1 + text:\"cat\" image_block_4_1:2", 31, "Two objectives cannot be multiplied")]
    [InlineData("image_block_4_1:1 + diversity(image_block_4_1)", 20, "diversity compares several images")]
    public async Task A_malformed_objective_is_a_400_that_says_what_and_where(string objective, int position, string problem)
    {
        var response = await PostAsync(new { model = Model, objective, steps = 2, size = 32 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Invalid objective", body.GetProperty("title").GetString());
        Assert.Equal(position, body.GetProperty("position").GetInt32());
        Assert.Contains(problem, body.GetProperty("problem").GetString());
        Assert.Contains($"(at position {position + 1})", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(0, 32, "steps must be between 1 and 512")]
    [InlineData(513, 32, "steps must be between 1 and 512")]
    [InlineData(4, 8, "size must be between 16 and 256")]
    [InlineData(4, 4096, "size must be between 16 and 256")]
    public async Task Steps_and_size_outside_the_bounds_are_a_400(int steps, int size, string message)
    {
        var response = await PostAsync(new { model = Model, objective = "image_block_4_1:1", steps, size });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_model_is_a_404()
    {
        var response = await PostAsync(new { model = "nomodel", objective = "layer4:1", steps = 2, size = 32 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static float Header(HttpResponseMessage response, string name) =>
        float.Parse(response.Headers.GetValues(name).Single(), System.Globalization.CultureInfo.InvariantCulture);

    private Task<HttpResponseMessage> PostAsync<T>(T body) => app.Client.PostAsJsonAsync("/api/visualize", body);
}
