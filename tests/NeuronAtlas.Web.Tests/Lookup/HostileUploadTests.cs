using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Lookup;

public sealed class HostileUploadTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    public static TheoryData<string, int, string> HostileFiles => new()
    {
        { "empty", 400, "empty (0 bytes)" },
        { "truncated-jpeg", 400, "truncated" },
        { "jpeg-huge-header", 422, "60000x60000" },
        { "corrupt-jpeg", 400, "cannot be" },
        { "text-named-png", 415, "not a JPEG, PNG, WebP, GIF or BMP image" },
        { "png-bomb", 422, "30000x30000" },
        { "gif-huge-frame", 422, "GIF frame 2 is 60000x60000 pixels" },
        { "gif-huge-screen", 422, "65000x65000" },
        { "tiff", 415, "not a JPEG, PNG, WebP, GIF or BMP image" },
        { "over-size", 413, "larger than the 10 MB limit" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task Each_hostile_upload_gets_a_clear_4xx_problem(string name, int status, string message)
    {
        var (bytes, fileName, contentType) = Hostile(name);

        var response = await LookupRequests.PostAsync(app.Client, bytes, fileName, contentType);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Contains(message, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_over_size_body_without_a_length_is_cut_off_while_reading()
    {
        var content = new StreamContent(new MemoryStream(new byte[11 * 1024 * 1024]));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/lookup") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain", 415)]
    [InlineData("multipart/form-data; boundary=abc", 400)]
    public async Task Bodies_that_are_not_an_image_upload_are_refused(string contentType, int status)
    {
        var content = new ByteArrayContent("--abc\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--abc--\r\n"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await app.Client.PostAsync("/api/lookup", content);

        Assert.Equal(status, (int)response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task After_hostile_uploads_the_server_is_healthy_and_memory_stayed_bounded()
    {
        await LookupRequests.PostAsync(app.Client, TestImages.Jpeg(), "warm-up.jpg", "image/jpeg"); // load the model first
        long before = ProcessMemory.ResidentBytes;
        ProcessMemory.ResetPeak();

        for (int round = 0; round < 3; round++)
            foreach (var name in HostileFiles.Select(row => (string)row[0]))
            {
                var (bytes, fileName, contentType) = Hostile(name);
                var response = await LookupRequests.PostAsync(app.Client, bytes, fileName, contentType);
                Assert.InRange((int)response.StatusCode, 400, 499);
            }

        long growth = ProcessMemory.PeakResidentBytes - before;
        // Decoding the bomb alone would need 30000 x 30000 x 3 bytes = 2.7 GB; the over-size body is 11 MB.
        Assert.True(growth < 200L * 1024 * 1024, $"peak resident memory grew by {growth / (1024 * 1024)} MB");
        Assert.Equal("Healthy", await app.Client.GetStringAsync("/health"));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/models/resnet18/layer4/3")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LookupRequests.PostAsync(app.Client, TestImages.Jpeg(), "ok.jpg", "image/jpeg")).StatusCode);
    }

    private static (byte[] Bytes, string FileName, string ContentType) Hostile(string name) => name switch
    {
        "empty" => ([], "empty.jpg", "image/jpeg"),
        "truncated-jpeg" => (TestImages.TruncatedJpeg(), "cut.jpg", "image/jpeg"),
        "jpeg-huge-header" => (TestImages.JpegClaiming(60000, 60000), "huge.jpg", "image/jpeg"),
        "corrupt-jpeg" => (TestImages.JpegWithCorruptHuffmanTables(), "corrupt.jpg", "image/jpeg"),
        "text-named-png" => (TestImages.TextNamedPng(), "notes.png", "image/png"),
        "png-bomb" => (TestImages.PngBomb(), "bomb.png", "image/png"),
        "gif-huge-frame" => (TestImages.GifWithHugeFrame(), "frames.gif", "image/gif"),
        "gif-huge-screen" => (TestImages.GifWithHugeScreen(), "screen.gif", "image/gif"),
        "tiff" => ([0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, 0, 0, 0, 0], "image.tiff", "image/tiff"),
        "over-size" => (new byte[11 * 1024 * 1024], "huge.jpg", "image/jpeg"),
        _ => throw new ArgumentException(name),
    };
}
