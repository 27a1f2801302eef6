using System.CommandLine;
using NeuronAtlas.Clip.Encoders;
using NeuronAtlas.Clip.ZeroShot;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>precompute zero-shot: CLIP's zero-shot labels for images.</summary>
internal static class ZeroShotCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var provider = CommonOptions.Provider();
        var images = new Option<string[]>("--image") { Description = "Image files (repeat the option for several).", Required = true, AllowMultipleArgumentsPerToken = true };
        var labels = LabelsOption();
        var templates = TemplatesOption();
        var top = new Option<int>("--top") { Description = "Labels to print per image.", DefaultValueFactory = _ => 5 };
        var command = new Command("zero-shot", "Print, as JSON, the most probable labels of images: softmax over the label set of logitScale x cosine(image, prompt-ensembled label).")
        {
            model, provider, images, labels, templates, top,
        };
        command.SetAction(parse =>
        {
            var manifest = CommonOptions.LoadModel(parse.GetValue(model)!);
            using var logging = JsonOutput.StandardErrorLogging();
            using var clip = ClipModel.Load(manifest, new InferenceOptions { ExecutionProvider = parse.GetValue(provider) }, logging.CreateLogger("precompute"));
            var classifier = ZeroShotClassifier.Create(clip, LabelSet.Resolve(parse.GetValue(labels)!, CommonOptions.RepoRoot), LoadTemplates(parse.GetValue(templates)), CacheDirectory);
            var results = parse.GetValue(images)!.Select(file =>
            {
                using var image = ImageDecoding.LoadRgbOnWhite(File.ReadAllBytes(file));
                return new { image = file, predictions = classifier.Classify(image, parse.GetValue(top)) };
            }).ToArray();
            JsonOutput.Write(new { model = manifest.Id, labelSet = classifier.Labels.Name, labels = classifier.Labels.Labels.Count, logitScale = clip.LogitScale, templates = classifier.Templates.Templates, results });
            return 0;
        });
        return command;
    }

    public static Option<string> LabelsOption() => new("--labels")
    {
        Description = "A label set under data/labels (e.g. default), a file with one label per line, or a comma-separated list.",
        DefaultValueFactory = _ => LabelSet.DefaultName,
    };

    public static Option<string?> TemplatesOption() => new("--templates")
    {
        Description = "A file of prompt templates, one per line with {} for the label (default: NeuronAtlas's 10 photo/drawing templates; '{}' alone: labels only).",
    };

    /// <summary>Where label embeddings are kept between runs (data/cache is not committed).</summary>
    public static string CacheDirectory => Path.Combine(CommonOptions.RepoRoot, "data", "cache", "zero-shot");

    public static PromptTemplates LoadTemplates(string? value) =>
        value is null ? PromptTemplates.Default : value == PromptTemplates.Slot ? PromptTemplates.LabelOnly : PromptTemplates.FromFile(value);
}
