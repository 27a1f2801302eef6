using System.CommandLine;
using NeuronAtlas.Precompute.Commands;

var root = new RootCommand("NeuronAtlas precompute: fills the atlas catalog (dataset examples, statistics, notes) from ONNX models.")
{
    DatasetPassCommand.Create(),
    BuildEmbeddedCommand.Create(),
    NotesCommand.Create(),
    GradientCommand.Create(),
    FlopsCommand.Create(),
    FeatureVisCommand.Create(),
    FeatureVisReportCommand.Create(),
    FeatureVisArchiveCommand.Create(),
    TextVisArchiveCommand.Create(),
    TokenizeCommand.Create(),
    EmbedTextCommand.Create(),
    EmbedImageCommand.Create(),
    ZeroShotCommand.Create(),
    TextVisCommand.Create(),
    LabelNeuronsCommand.Create(),
    SearchNeuronsCommand.Create(),
    TypographicAttackCommand.Create(),
    FindingsCommand.Create(),
    MergeCommand.Create(),
};
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or KeyNotFoundException
                              or InvalidOperationException or UnauthorizedAccessException or NotSupportedException)
{
    // Bad input is the user's to fix: say what is wrong, without a stack trace.
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Cancelled. Rerun the same command to resume.");
    return 130;
}
