namespace NeuronAtlas.Web.Uploads;

/// <summary>An uploaded image, in memory, with the small text fields of its form (e.g. "labels").</summary>
public sealed record ImageUpload(byte[] Image, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>The form field, else the query parameter of the same name; null when neither is given.</summary>
    public string? Value(HttpRequest request, string name) =>
        Fields.TryGetValue(name, out var value) ? value : request.Query.TryGetValue(name, out var query) ? query.ToString() : null;
}
