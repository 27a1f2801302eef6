using NeuronAtlas.DatasetBuilder;
using NeuronAtlas.DatasetBuilder.Cli;
using NeuronAtlas.DatasetBuilder.DemoConcepts;
using NeuronAtlas.DatasetBuilder.Words;
using NeuronAtlas.DatasetBuilder.Verification;

CommandLineRequest request;
try
{
    request = CommandLine.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("Run with --help for usage.");
    return 2;
}

if (request.VerifyDirectory is { } directory)
{
    var result = DatasetVerifier.Verify(directory);
    Console.WriteLine($"{result.ImageCount} images, {result.ConceptCount} concepts, {result.TotalBytes / 1e6:F1} MB in {directory}");
    foreach (var (style, count) in result.ImagesPerStyle)
        Console.WriteLine($"  {style,-15} {count}");
    foreach (var problem in result.Problems)
        Console.Error.WriteLine($"PROBLEM: {problem}");
    Console.WriteLine(result.IsValid ? "OK" : $"{result.Problems.Count} problem(s)");
    return result.IsValid ? 0 : 1;
}

if (request.Concepts is not null || request.Words is not null)
{
    try
    {
        if (request.Concepts is { } conceptOptions) ConceptListCommand.Run(conceptOptions, Console.Out);
        if (request.Words is { } wordsOptions) WordDatasetBuilder.Build(wordsOptions, Console.Out);
        return 0;
    }
    catch (Exception e) when (e is InvalidOperationException or IOException or InvalidDataException or ArgumentException)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
}

if (request.Build is { } options)
{
    EmojiDatasetBuilder.Build(options, Console.Out);
    return 0;
}

Console.WriteLine(CommandLine.Usage);
return 0;
