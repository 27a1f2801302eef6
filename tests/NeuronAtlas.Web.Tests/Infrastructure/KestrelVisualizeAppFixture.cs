namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>The tiny CLIP catalog's app, with the live-visualization bounds of <see cref="VisualizeAppFixture"/>, on a real Kestrel server on 127.0.0.1.</summary>
public sealed class KestrelVisualizeAppFixture() : VisualizeAppFixture(kestrel: true);
