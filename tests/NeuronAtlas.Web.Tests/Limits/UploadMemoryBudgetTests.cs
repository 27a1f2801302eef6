using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using NeuronAtlas.Web.Limits;
using NeuronAtlas.Web.Tests.Infrastructure;

namespace NeuronAtlas.Web.Tests.Limits;

/// <summary>Upload bodies reserve their bytes from one budget before they are read, on a real Kestrel server.</summary>
public sealed class UploadMemoryBudgetTests : IDisposable
{
    private const int MaxBytes = 1024 * 1024;
    private readonly TestCatalog _catalog = new();
    private readonly AtlasWebFactory _app;

    public UploadMemoryBudgetTests()
    {
        _app = AtlasWebFactory.StartKestrel(_catalog.Path, new Dictionary<string, string?>
        {
            ["Uploads:MaxBytes"] = MaxBytes.ToString(),
            ["Uploads:MaxBufferedBytes"] = (MaxBytes * 5 / 2).ToString(),
            ["Uploads:RetryAfterSeconds"] = "4",
        });
    }

    [Fact]
    public async Task A_full_budget_refuses_uploads_with_503_and_retry_after_and_recovers_when_they_end()
    {
        var budget = _app.Services.GetRequiredService<UploadMemoryBudget>();
        using var client = new HttpClient { BaseAddress = new Uri(_app.BaseUrl!) };
        var resume = new TaskCompletionSource();
        // Two uploads that declare 1 MB, send 1 KB and stall: their declared bytes are reserved while they wait.
        var stalled = Enumerable.Range(0, 2).Select(_ => client.PostAsync("/api/lookup", new StalledContent(MaxBytes, resume.Task))).ToList();
        await Conditions.WaitUntilAsync(() => budget.Reserved == 2L * MaxBytes, "the budget");

        var refused = await client.PostAsync("/api/lookup", Raw(TestImages.Png(), MaxBytes));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(4), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        // An upload that fits in what is left is still served.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/lookup", Raw(TestImages.Png()))).StatusCode);

        resume.SetResult();
        foreach (var response in await Task.WhenAll(stalled)) Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode); // zeros are no image format
        await Conditions.WaitUntilAsync(() => budget.Reserved == 0, "the budget");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/lookup", Raw(TestImages.Png(), MaxBytes))).StatusCode);
    }

    [Fact]
    public async Task An_upload_larger_than_the_per_upload_limit_is_413_not_busy()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_app.BaseUrl!) };

        var response = await client.PostAsync("/api/lookup", Raw(new byte[MaxBytes * 2]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, _app.Services.GetRequiredService<UploadMemoryBudget>().Reserved);
    }

    /// <summary>A raw image body, padded with trailing zeros to <paramref name="length"/> (decoders ignore bytes after the image).</summary>
    private static ByteArrayContent Raw(byte[] image, int length = 0)
    {
        var body = new byte[Math.Max(image.Length, length)];
        image.CopyTo(body, 0);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    /// <summary>A body of zeros of a declared length that sends its first kilobyte, then waits for <paramref name="resume"/>.</summary>
    private sealed class StalledContent : HttpContent
    {
        private readonly long _length;
        private readonly Task _resume;

        public StalledContent(long length, Task resume)
        {
            (_length, _resume) = (length, resume);
            Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[1024];
            await stream.WriteAsync(chunk);
            await stream.FlushAsync();
            await _resume;
            for (long sent = chunk.Length; sent < _length; sent += chunk.Length)
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, _length - sent)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }
    }

    public void Dispose()
    {
        _app.Dispose();
        _catalog.Dispose();
    }
}
