using Microsoft.Extensions.Options;
using NeuronAtlas.Core;
using NeuronAtlas.Web.Extensions;
using NeuronAtlas.Web.Health;

if (args is [HealthProbe.Argument]) return await HealthProbe.RunAsync();

// The content root holds appsettings.json and wwwroot/: the repository root under 'dotnet run', the publish folder otherwise.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AtlasPaths.FindRoot(),
    WebRootPath = "wwwroot",
});
builder.AddAtlasServices();

var app = builder.Build();
app.UseAtlasPipeline();
try
{
    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine($"Configuration error: {e.Message}");
    return 1;
}

/// <summary>The entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
