using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Catalog.Configurations;

internal sealed class TextVisChunkConfiguration : IEntityTypeConfiguration<TextVisChunk>
{
    public void Configure(EntityTypeBuilder<TextVisChunk> chunk)
    {
        chunk.ToTable("TextVisChunks");
        chunk.HasIndex(c => new { c.ModelId, c.Tensor, c.FirstPhrase }).IsUnique();
    }
}
