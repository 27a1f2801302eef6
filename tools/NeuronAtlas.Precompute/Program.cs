using System.CommandLine;
using NeuronAtlas.Precompute.Commands;

var root = new RootCommand("NeuronAtlas precompute: fills the atlas catalog (dataset examples, statistics, notes) from ONNX models.")
{
    DatasetPassCommand.Create(),
    BuildEmbeddedCommand.Create(),
    NotesCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
