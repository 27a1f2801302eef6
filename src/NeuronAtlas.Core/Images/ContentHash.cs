using System.Security.Cryptography;

namespace NeuronAtlas.Core.Images;

/// <summary>The key images are stored and served by: the first 32 hex digits of SHA-256.</summary>
public static class ContentHash
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..32];
}
