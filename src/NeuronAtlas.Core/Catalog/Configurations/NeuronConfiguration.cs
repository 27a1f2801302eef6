using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Catalog.Configurations;

internal sealed class NeuronConfiguration : IEntityTypeConfiguration<Neuron>
{
    public void Configure(EntityTypeBuilder<Neuron> neuron)
    {
        neuron.HasIndex(n => new { n.LayerId, n.Index }).IsUnique();
        neuron.HasMany(n => n.Examples).WithOne(e => e.Neuron).HasForeignKey(e => e.NeuronId).OnDelete(DeleteBehavior.Cascade);
    }
}
