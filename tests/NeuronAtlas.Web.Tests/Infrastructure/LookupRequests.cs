using System.Net.Http.Headers;

namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>Builds lookup requests the way clients send them.</summary>
public static class LookupRequests
{
    public static MultipartFormDataContent Multipart(byte[] bytes, string fileName, string contentType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "image", fileName } };
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] bytes, string fileName, string contentType, string query = "") =>
        client.PostAsync($"/api/lookup{query}", Multipart(bytes, fileName, contentType));
}
