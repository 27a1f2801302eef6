using Microsoft.Extensions.Options;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;

namespace NeuronAtlas.Web.Options;

/// <summary>
/// Checks at startup that every model in Uploads:Int8Models has a manifest and an int8 graph, so turning int8 on
/// without running <c>precompute quantize</c> stops the app with one message, instead of a lookup failing (or quietly
/// running the float graph) later.
/// </summary>
internal sealed class Int8ModelsValidation(IOptions<AtlasOptions> atlas, IHostEnvironment environment) : IValidateOptions<UploadOptions>
{
    public ValidateOptionsResult Validate(string? name, UploadOptions options)
    {
        if (options.Int8Models.Length == 0) return ValidateOptionsResult.Success;
        var modelsDirectory = atlas.Value.ModelsFullPath(environment.ContentRootPath);
        if (!Directory.Exists(modelsDirectory))
            return ValidateOptionsResult.Fail($"Uploads:Int8Models lists models, but there is no models folder at {modelsDirectory} (Atlas:ModelsDirectory).");
        var registry = ModelRegistry.FromDirectory(modelsDirectory);
        var problems = new List<string>();
        foreach (var modelId in options.Int8Models)
        {
            if (!registry.TryGet(modelId, out var manifest))
            {
                problems.Add($"Uploads:Int8Models: no manifest under {modelsDirectory} declares the model '{modelId}'.");
                continue;
            }
            try
            {
                QuantizedModelFile.Resolve(manifest);
            }
            catch (FileNotFoundException e)
            {
                problems.Add($"Uploads:Int8Models: {e.Message}");
            }
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
