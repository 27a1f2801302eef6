using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NeuronAtlas.Core.TextVis.Storage;

internal sealed class TextVisChunkConfiguration : IEntityTypeConfiguration<TextVisChunk>
{
    public void Configure(EntityTypeBuilder<TextVisChunk> chunk)
    {
        chunk.ToTable("TextVisChunks");
        chunk.HasIndex(c => new { c.ModelId, c.Tensor, c.FirstPhrase }).IsUnique();
    }
}
