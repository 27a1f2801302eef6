using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Catalog.Configurations;

internal sealed class NeuronNoteConfiguration : IEntityTypeConfiguration<NeuronNote>
{
    public void Configure(EntityTypeBuilder<NeuronNote> note) =>
        note.HasIndex(n => new { n.ModelId, n.LayerId, n.NeuronIndex });
}
