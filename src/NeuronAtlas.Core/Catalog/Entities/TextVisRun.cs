namespace NeuronAtlas.Core.Catalog.Entities;

/// <summary>
/// The text feature visualization of one model: its settings, its phrases, and how far it got. The per-phrase results
/// are <see cref="TextVisChunk"/> rows, appended in the same transaction that advances <see cref="NextPhrase"/>.
/// </summary>
public sealed class TextVisRun
{
    public required string ModelId { get; set; }
    /// <summary>Hash of everything that determines the result (model, layers, phrases, renderings, fonts, batch).</summary>
    public required string ConfigHash { get; set; }
    /// <summary>The vocabulary, one phrase per line, in probe order.</summary>
    public string Phrases { get; set; } = "";
    /// <summary>The layer ids, comma-separated.</summary>
    public string Layers { get; set; } = "";
    public int Renderings { get; set; }
    public int PhraseCount { get; set; }
    public int NextPhrase { get; set; }
    public bool Completed { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<string> PhraseList() => Phrases.Length == 0 ? [] : Phrases.Split('\n');
}
