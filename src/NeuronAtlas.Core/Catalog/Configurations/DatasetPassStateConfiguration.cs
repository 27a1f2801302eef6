using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NeuronAtlas.Core.Catalog.Entities;

namespace NeuronAtlas.Core.Catalog.Configurations;

internal sealed class DatasetPassStateConfiguration : IEntityTypeConfiguration<DatasetPassState>
{
    public void Configure(EntityTypeBuilder<DatasetPassState> state) => state.HasKey(s => new { s.ModelId, s.LayerId });
}
