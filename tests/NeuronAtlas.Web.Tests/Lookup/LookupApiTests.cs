using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Lookup;

public sealed class LookupApiTests(WebAppFixture app, ReferenceLookup reference) : IClassFixture<WebAppFixture>, IClassFixture<ReferenceLookup>
{
    [Fact]
    public async Task A_jpeg_gets_each_layers_most_excited_neurons_as_resnet18_computes_them()
    {
        var jpeg = TestImages.Jpeg();

        var response = await LookupRequests.PostAsync(app.Client, jpeg, "picture.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("resnet18", result.GetProperty("modelId").GetString());
        Assert.Equal("JPEG", result.GetProperty("format").GetString());
        Assert.Equal((300, 200), (result.GetProperty("imageWidth").GetInt32(), result.GetProperty("imageHeight").GetInt32()));
        var expected = reference.TopNeurons(jpeg, 8);
        var layers = result.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(["layer1", "layer2", "layer3", "layer4"], layers.Select(l => l.GetProperty("layerId").GetString()));
        foreach (var layer in layers)
        {
            string id = layer.GetProperty("layerId").GetString()!;
            var neurons = layer.GetProperty("neurons").EnumerateArray().ToList();
            Assert.Equal(expected[id].Select(e => e.Index), neurons.Select(n => n.GetProperty("index").GetInt32()));
            for (int i = 0; i < neurons.Count; i++)
            {
                var n = neurons[i];
                int index = n.GetProperty("index").GetInt32();
                Assert.Equal(expected[id][i].Activation, n.GetProperty("activation").GetSingle(), 1e-4f);
                Assert.Equal(TestCatalog.MaxOf(id, index), n.GetProperty("datasetMax").GetSingle());
                Assert.Equal(n.GetProperty("activation").GetSingle() / TestCatalog.MaxOf(id, index), n.GetProperty("relativeActivation").GetSingle(), 1e-5f);
                Assert.Equal($"/models/resnet18/{id}/{index}", n.GetProperty("url").GetString());
                Assert.StartsWith("/images/", n.GetProperty("topExampleUrl").GetString());
                Assert.False(n.TryGetProperty("spatialMap", out _), "spatial maps stay server-side");
            }
            var scores = neurons.Select(n => n.GetProperty("relativeActivation").GetSingle()).ToList();
            Assert.Equal(scores.OrderDescending(), scores);
            Assert.True(scores[0] > 0, $"{id}: the strongest neuron should fire on a structured image");
        }
        Assert.False(result.TryGetProperty("modelInputJpeg", out _));
    }

    [Theory]
    [InlineData("png", "PNG", "image/png")]
    [InlineData("bmp", "BMP", "image/bmp")]
    [InlineData("webp", "Webp", "image/webp")]
    [InlineData("gif", "GIF", "image/gif")]
    public async Task Every_accepted_format_is_looked_up(string extension, string format, string contentType)
    {
        byte[] bytes = extension switch
        {
            "png" => TestImages.Png(),
            "bmp" => TestImages.Bmp(),
            "webp" => TestImages.Webp(),
            _ => TestImages.AnimatedGif(),
        };

        var response = await LookupRequests.PostAsync(app.Client, bytes, $"picture.{extension}", contentType, "?top=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(format, result.GetProperty("format").GetString());
        Assert.All(result.GetProperty("layers").EnumerateArray(), l => Assert.Equal(2, l.GetProperty("neurons").GetArrayLength()));
    }

    [Theory]
    [InlineData("progressive")]
    [InlineData("cmyk")]
    public async Task Progressive_and_cmyk_jpegs_made_by_PIL_are_looked_up(string kind)
    {
        using var scene = NeuronAtlas.Core.Tests.TestData.SyntheticImages.Scene(640, 480);
        var jpeg = kind == "cmyk"
            ? NeuronAtlas.Core.Tests.TestData.PilJpegReference.Cmyk(scene)
            : NeuronAtlas.Core.Tests.TestData.PilJpegReference.Progressive(scene);

        var response = await LookupRequests.PostAsync(app.Client, jpeg, $"{kind}.jpg", "image/jpeg", "?top=2");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("JPEG", result.GetProperty("format").GetString());
        Assert.Equal((640, 480), (result.GetProperty("imageWidth").GetInt32(), result.GetProperty("imageHeight").GetInt32()));
    }

    [Fact]
    public async Task An_animated_gif_is_looked_up_by_its_first_frame()
    {
        var gif = TestImages.AnimatedGif();

        var response = await LookupRequests.PostAsync(app.Client, gif, "animated.gif", "image/gif", "?top=5");

        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        var layer4 = result.GetProperty("layers")[3].GetProperty("neurons").EnumerateArray().Select(n => n.GetProperty("index").GetInt32());
        Assert.Equal(reference.TopNeurons(TestImages.FirstFramePng(gif), 5)["layer4"].Select(e => e.Index), layer4);
    }

    [Fact]
    public async Task Transparent_pixels_are_seen_on_white_as_in_the_dataset()
    {
        var response = await LookupRequests.PostAsync(app.Client, TestImages.RedSquare(transparent: true), "sticker.png", "image/png", "?top=5");

        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        var layer4 = result.GetProperty("layers")[3].GetProperty("neurons").EnumerateArray().Select(n => n.GetProperty("index").GetInt32());
        Assert.Equal(reference.TopNeurons(TestImages.RedSquare(transparent: false), 5)["layer4"].Select(e => e.Index), layer4);
    }

    [Fact]
    public async Task The_raw_image_can_be_the_whole_body()
    {
        var content = new ByteArrayContent(TestImages.Png());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        var response = await app.Client.PostAsync("/api/lookup?model=resnet18&top=3", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("PNG", result.GetProperty("format").GetString());
        Assert.Equal(3, result.GetProperty("layers")[0].GetProperty("neurons").GetArrayLength());
    }

    [Theory]
    [InlineData("?top=0", 400)]
    [InlineData("?top=65", 400)]
    [InlineData("?model=tinynet", 404)]
    [InlineData("?model=nomodel", 404)]
    public async Task Bad_parameters_are_clear_problems(string query, int status)
    {
        var response = await LookupRequests.PostAsync(app.Client, TestImages.Jpeg(), "picture.jpg", "image/jpeg", query);

        Assert.Equal(status, (int)response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }
}
