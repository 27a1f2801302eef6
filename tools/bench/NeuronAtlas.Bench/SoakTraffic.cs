using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace NeuronAtlas.Bench;

/// <summary>
/// The soak's mixed traffic. Each simulated client (its own X-Forwarded-For address) runs one loop per kind of
/// request at about the default rate limit of that kind: pages, searches (API and the server-rendered search page),
/// lookups, live renders (half of them cancelled midway by closing the request) and hostile uploads (which share the
/// lookup allowance, so the lookup kind runs over its limit and meets 429s). One more client floods searches far over
/// its limit. Answers are counted per kind and status; client-side cancellations are counted apart.
/// </summary>
/// <param name="without">Kinds left out ("render", "lookup", "hostile", "search", "page"), to find what a figure depends on.</param>
internal sealed class SoakTraffic(HttpClient http, DateTime end, int maxRequests, IReadOnlySet<string> without)
{
    private static readonly string[] Words = ["spider", "dog", "face", "car", "text", "flower", "circle", "red", "heart", "cat", "sun", "ball"];
    private readonly ConcurrentDictionary<(string Kind, string Status), int> _counts = new();
    private int _issued;

    public IReadOnlyDictionary<(string Kind, string Status), int> Counts => _counts;

    public int Issued => Volatile.Read(ref _issued);

    public Task RunAsync(int clients)
    {
        var jpegs = Enumerable.Range(0, 3).Select(Photo).ToArray();
        var hostile = HostileBodies();
        var loops = new List<Task>();
        for (int c = 0; c < clients; c++)
        {
            string address = $"10.0.{c}.1";
            var random = new Random(c);
            if (!without.Contains("page")) loops.Add(Loop(TimeSpan.FromMilliseconds(200), () => Page(address, random)));
            if (!without.Contains("search")) loops.Add(Loop(TimeSpan.FromSeconds(1), () => Search(address, random)));
            if (!without.Contains("lookup")) loops.Add(Loop(TimeSpan.FromSeconds(6), () => Upload("lookup", address, "image/jpeg", jpegs[random.Next(jpegs.Length)])));
            if (!without.Contains("render")) loops.Add(Loop(TimeSpan.FromSeconds(12), () => Render(address, random)));
            if (!without.Contains("hostile")) loops.Add(Loop(TimeSpan.FromSeconds(6), () =>
            {
                var (type, body) = hostile[random.Next(hostile.Count)];
                return Upload("hostile upload", address, type, body);
            }));
        }
        var flooder = new Random(99);
        loops.Add(Loop(TimeSpan.FromMilliseconds(50), () => Send("search flood", Get("/api/search?q=" + Words[flooder.Next(Words.Length)], "10.9.9.9"))));
        return Task.WhenAll(loops);
    }

    private async Task Loop(TimeSpan every, Func<Task> send)
    {
        while (DateTime.UtcNow < end && Interlocked.Increment(ref _issued) <= maxRequests)
        {
            var next = DateTime.UtcNow + every;
            await send();
            var wait = next - DateTime.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
        }
    }

    private Task Page(string address, Random random)
    {
        int neuron = random.Next(512);
        string url = random.Next(5) switch
        {
            0 => "/",
            1 => "/models/resnet18",
            2 => $"/models/resnet18/layer4?page={1 + random.Next(4)}",
            3 => $"/models/resnet18/layer4/{neuron}",
            _ => $"/api/models/resnet18/layers/layer4?page=1&pageSize={1 + random.Next(512)}", // any page size: the catalog cache stays bounded
        };
        return Send("page", Get(url, address));
    }

    private Task Search(string address, Random random)
    {
        // Some queries are new every time (they pass through the text-embedding cache without crowding it).
        string q = Words[random.Next(Words.Length)] + (random.Next(3) == 0 ? " " + random.Next(1_000_000) : "");
        string url = random.Next(4) == 0 ? "/search?q=" : "/api/search?q=";
        return Send("search", Get(url + Uri.EscapeDataString(q), address));
    }

    private Task Upload(string kind, string address, string contentType, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/lookup?model=resnet18") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Forwarded-For", address);
        return Send(kind, request);
    }

    private async Task Render(string address, Random random)
    {
        string json = $$"""{"model":"resnet18","objective":"layer4:{{random.Next(512)}}","steps":{{16 + random.Next(17)}},"size":64,"seed":{{random.Next(100)}}}""";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/visualize") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Forwarded-For", address);
        bool cancel = random.Next(2) == 0;
        using var cancellation = new CancellationTokenSource();
        if (cancel) cancellation.CancelAfter(TimeSpan.FromMilliseconds(300 + random.Next(2000)));
        await Send(cancel ? "render (cancelled midway)" : "render", request, cancellation.Token);
    }

    private static HttpRequestMessage Get(string url, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }

    private async Task Send(string kind, HttpRequestMessage request, CancellationToken ct = default)
    {
        string status;
        try
        {
            using var response = await http.SendAsync(request, ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            status = ((int)response.StatusCode).ToString();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            status = "closed by the client";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            status = "failed: " + e.GetType().Name;
        }
        finally
        {
            request.Dispose();
        }
        _counts.AddOrUpdate((kind, status), 1, (_, n) => n + 1);
    }

    private static byte[] Photo(int seed)
    {
        using var image = new Image<Rgb24>(480, 360);
        for (int y = 0; y < image.Height; y++)
        for (int x = 0; x < image.Width; x++)
            image[x, y] = new Rgb24((byte)(x * (seed + 1)), (byte)(y * 2), (byte)((x ^ y) * (seed + 3)));
        using var ms = new MemoryStream();
        image.SaveAsJpeg(ms);
        return ms.ToArray();
    }

    /// <summary>Uploads every one of which must get a 4xx: truncated, not an image, a decompression bomb's header, over-size, empty.</summary>
    private static List<(string Type, byte[] Body)> HostileBodies()
    {
        var jpeg = Photo(7);
        var bomb = new byte[33];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52 }.CopyTo(bomb, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(16), 60000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bomb.AsSpan(20), 60000);
        bomb[24] = 8;
        bomb[25] = 2;
        return
        [
            ("image/jpeg", jpeg[..(jpeg.Length / 2)]),
            ("image/png", Encoding.UTF8.GetBytes("not an image at all")),
            ("image/png", bomb),
            ("image/jpeg", new byte[11 * 1024 * 1024]),
            ("image/jpeg", []),
        ];
    }
}
