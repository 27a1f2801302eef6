using SixLabors.ImageSharp.Formats;

namespace NeuronAtlas.Web.Uploads;

/// <summary>An upload whose format, size and structure passed the checks; it has not been decoded yet.</summary>
public sealed record InspectedUpload(byte[] Bytes, IImageFormat Format, int Width, int Height);
