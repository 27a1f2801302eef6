using System.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using NeuronAtlas.Core.Images;
using NeuronAtlas.Core.Inference;
using NeuronAtlas.Core.Models;
using NeuronAtlas.FeatureVis.Objectives;
using NeuronAtlas.Onnx.Autodiff;
using NeuronAtlas.Onnx.IO;
using Onnx;

namespace NeuronAtlas.Precompute.Commands;

/// <summary>precompute gradient: the input gradient of one channel's mean activation on one image, as .npy (and the graph as .onnx).</summary>
internal static class GradientCommand
{
    public static Command Create()
    {
        var model = CommonOptions.Model();
        var layer = new Option<string>("--layer", "-l") { Description = "Layer id from the model's manifest (e.g. layer4).", Required = true };
        var channel = new Option<int>("--channel", "-c") { Description = "Channel of the layer whose mean activation is differentiated.", Required = true };
        var image = new Option<string>("--image", "-i") { Description = "The image, preprocessed as the manifest says.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the gradient: float32 .npy of shape [1, 3, H, W] (the model's input layout).", Required = true };
        var graphOut = new Option<string?>("--graph-out") { Description = "Also write the gradient graph as .onnx (outputs objective, objective_total, {input}_gradient)." };
        var provider = CommonOptions.Provider();
        var command = new Command("gradient", "Write the gradient of a channel's mean activation with respect to the model input, for one image.")
        {
            model, layer, channel, image, output, graphOut, provider,
        };
        command.SetAction(parse =>
        {
            using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
            var manifest = CommonOptions.LoadModel(parse.GetValue(model)!);
            var layerSpec = manifest.GetLayer(parse.GetValue(layer)!);
            int c = parse.GetValue(channel);
            if (c < 0 || c >= layerSpec.Channels)
                throw new ArgumentException($"--channel {c} is outside 0..{layerSpec.Channels - 1} of layer '{layerSpec.Id}'.");
            var imagePath = parse.GetValue(image)!;
            if (!File.Exists(imagePath)) throw new FileNotFoundException($"Image not found: {imagePath}", imagePath);

            var preprocessor = new ImagePreprocessor(manifest);
            var input = new float[preprocessor.TensorLength];
            using (var decoded = ImageDecoding.LoadRgbOnWhite(File.ReadAllBytes(imagePath))) preprocessor.Preprocess(decoded, input);

            int[] shape = [1, 3, manifest.Input.Height, manifest.Input.Width];
            var onnx = ModelProto.Parser.ParseFrom(File.ReadAllBytes(ModelManifestLoader.ResolveOnnxPath(manifest)));
            var graph = new GradientGraphBuilder(onnx, manifest.Input.Name, shape).Build(LayerObjective.Channel(layerSpec.Id, c).ToObjective(manifest));
            if (parse.GetValue(graphOut) is { } graphPath)
            {
                graph.Save(graphPath);
                Console.WriteLine($"Gradient graph: {graphPath}");
            }

            var options = new InferenceOptions { ExecutionProvider = parse.GetValue(provider) };
            using var session = OnnxSessionFactory.Create(graph.ToByteArray(), options, loggerFactory.CreateLogger("precompute"));
            using var inputValue = OrtValue.CreateTensorValueFromMemory(input, shape.Select(d => (long)d).ToArray());
            using var runOptions = new RunOptions();
            using var outputs = session.Run(runOptions, [manifest.Input.Name], [inputValue], [graph.TotalObjectiveOutput, graph.InputGradientOutput]);
            float objective = outputs[0].GetTensorDataAsSpan<float>()[0];
            var gradient = outputs[1].GetTensorDataAsSpan<float>().ToArray();

            var outPath = parse.GetValue(output)!;
            var folder = Path.GetDirectoryName(Path.GetFullPath(outPath));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            NpyFile.Write(outPath, gradient, shape);
            double norm = Math.Sqrt(gradient.Sum(g => (double)g * g));
            Console.WriteLine($"channel({layerSpec.Id}:{c}) mean activation {objective:G6}; gradient [{string.Join(", ", shape)}], L2 norm {norm:G6}, written to {outPath}.");
            return 0;
        });
        return command;
    }
}
