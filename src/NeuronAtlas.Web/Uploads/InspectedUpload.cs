using SixLabors.ImageSharp.Formats;
using SkiaSharp;

namespace NeuronAtlas.Web.Uploads;

/// <summary>
/// An upload whose format, size and structure passed the checks; it has not been decoded yet. Width and height are as
/// stored; <paramref name="Orientation"/> is the EXIF orientation its header gives (top-left when none).
/// </summary>
public sealed record InspectedUpload(byte[] Bytes, IImageFormat Format, int Width, int Height, SKEncodedOrigin Orientation);
