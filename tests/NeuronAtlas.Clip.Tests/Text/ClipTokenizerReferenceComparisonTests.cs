using NeuronAtlas.Clip.Text;

namespace NeuronAtlas.Clip.Tests.Text;

/// <summary>
/// Runs the Python reference (tools/tokenizer_reference/reference_tokenizer.py) at test time on
/// seeded pseudo-random strings and requires exactly the same ids, token rows and decoded text.
/// Fails, naming the Debian packages to install, when /usr/bin/python3 or python3-regex is missing.
/// </summary>
public class ClipTokenizerReferenceComparisonTests
{
    private const int Seed = 20240517;
    private const int StringCount = 300;

    private static readonly Lazy<List<string>> Texts = new(() => new RandomCaptionGenerator(Seed).Next(StringCount));

    [Fact]
    public void Encode_matches_python_on_random_strings()
    {
        var expected = PythonReferenceTokenizer.Encode(Texts.Value);
        var mismatches = Texts.Value
            .Select((text, i) => (text, expected: expected[i], actual: SharedClipTokenizer.Instance.Encode(text)))
            .Where(row => !row.expected.SequenceEqual(row.actual))
            .ToList();

        Assert.True(mismatches.Count == 0, DescribeMismatches(mismatches.Select(m => (m.text, m.expected, m.actual.ToList()))));
    }

    [Fact]
    public void Tokenize_matches_python_on_random_strings()
    {
        var expected = PythonReferenceTokenizer.Tokenize(Texts.Value, ClipTokenizer.DefaultContextLength);
        for (int i = 0; i < Texts.Value.Count; i++)
        {
            Assert.Equal(expected[i], SharedClipTokenizer.Instance.Tokenize(Texts.Value[i]));
        }
        Assert.Contains(expected, row => row[^1] == ClipTokenizer.EndOfTextId);
    }

    [Fact]
    public void Decode_matches_python_including_cut_multibyte_sequences()
    {
        var random = new Random(Seed);
        var idLists = new List<IReadOnlyList<int>>();
        foreach (string text in Texts.Value)
        {
            var ids = SharedClipTokenizer.Instance.Encode(text);
            idLists.Add(ids);
            int start = random.Next(ids.Count + 1);
            idLists.Add(ids.Skip(start).Take(random.Next(ids.Count - start + 1)).ToList());
        }

        var expected = PythonReferenceTokenizer.Decode(idLists);

        for (int i = 0; i < idLists.Count; i++)
        {
            Assert.Equal(expected[i], SharedClipTokenizer.Instance.Decode(idLists[i]));
        }
    }

    private static string DescribeMismatches(IEnumerable<(string Text, List<int> Expected, List<int> Actual)> mismatches)
    {
        var rows = mismatches.Take(5).ToList();
        if (rows.Count == 0)
        {
            return "";
        }
        var cleaned = PythonReferenceTokenizer.Clean(rows.Select(row => row.Text).ToList());
        return string.Join("\n", rows.Select((row, i) =>
            $"text {Escape(row.Text)}\n  python clean {Escape(cleaned[i])}\n  c#     clean {Escape(ClipTextCleaner.Clean(row.Text))}\n" +
            $"  python ids {string.Join(' ', row.Expected)}\n  c#     ids {string.Join(' ', row.Actual)}"));
    }

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and < '\u007F' ? c.ToString() : $"\\u{(int)c:X4}"));
}
