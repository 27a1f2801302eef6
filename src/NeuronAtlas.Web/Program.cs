using NeuronAtlas.Core;
using NeuronAtlas.Web.Extensions;

// The repository root is the content root (appsettings.json, data/) and its wwwroot/ the web root.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AtlasPaths.FindRoot(),
    WebRootPath = "wwwroot",
});
builder.AddAtlasServices();

var app = builder.Build();
app.UseAtlasPipeline();
app.Run();

/// <summary>The entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
