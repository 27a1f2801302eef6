using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace NeuronAtlas.Clip.Tests.Text;

/// <summary>
/// Runs tools/tokenizer_reference/reference_tokenizer.py (openai/CLIP's simple_tokenizer structure,
/// ftfy replaced by the documented subset) under Debian's /usr/bin/python3 with python3-regex.
/// </summary>
internal static class PythonReferenceTokenizer
{
    private const string Python = "/usr/bin/python3";
    private static readonly Lazy<string?> MissingPrerequisite = new(FindMissingPrerequisite);

    public static List<List<int>> Encode(IReadOnlyList<string> texts) => Run<List<List<int>>>("encode", texts);

    public static List<List<int>> Tokenize(IReadOnlyList<string> texts, int contextLength) =>
        Run<List<List<int>>>($"tokenize --context-length {contextLength}", texts);

    public static List<string> Decode(IReadOnlyList<IReadOnlyList<int>> ids) => Run<List<string>>("decode", ids);

    public static List<string> Clean(IReadOnlyList<string> texts) => Run<List<string>>("clean", texts);

    private static T Run<T>(string mode, object input)
    {
        if (MissingPrerequisite.Value is { } missing)
        {
            Assert.Fail(missing);
        }
        string script = Path.Combine(ClipVocabularyFile.RepositoryRoot, "tools", "tokenizer_reference", "reference_tokenizer.py");
        var (exitCode, output, error) = RunProcess(
            $"\"{script}\" --vocab \"{ClipVocabularyFile.Locate()}\" {mode}", JsonSerializer.Serialize(input));
        Assert.True(exitCode == 0, $"The Python reference tokenizer failed ({exitCode}): {error}");
        return JsonSerializer.Deserialize<T>(output) ?? throw new InvalidDataException("The Python reference printed no JSON.");
    }

    private static string? FindMissingPrerequisite()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is missing. Install the Debian packages python3 and python3-regex (apt-get install -y python3 python3-regex).";
        }
        var (exitCode, _, error) = RunProcess("-c \"import regex\"", "");
        return exitCode == 0
            ? null
            : $"{Python} cannot import the regex module ({error.Trim()}). Install the Debian package python3-regex (apt-get install -y python3-regex).";
    }

    private static (int ExitCode, string Output, string Error) RunProcess(string arguments, string input)
    {
        var start = new ProcessStartInfo(Python, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
