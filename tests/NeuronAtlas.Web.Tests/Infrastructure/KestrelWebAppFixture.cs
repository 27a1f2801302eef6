namespace NeuronAtlas.Web.Tests.Infrastructure;

/// <summary>The test catalog's app on a real Kestrel server on 127.0.0.1.</summary>
public sealed class KestrelWebAppFixture() : WebAppFixture(kestrel: true);
